using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubtreeShards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts");

            migrationBuilder.AddColumn<short>(
                name: "shard",
                table: "subtree_counts",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts",
                columns: new[] { "period", "organisation_id", "shard" });

            // A database with counts already in it gets its subtree totals summed once here (written
            // for the schema as it stands from this migration on).
            migrationBuilder.Sql(global::PartyGrid.Assessment.Data.SubtreeTotals.FromScratch);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts");

            migrationBuilder.DropColumn(
                name: "shard",
                table: "subtree_counts");

            migrationBuilder.AddPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts",
                columns: new[] { "period", "organisation_id" });
        }
    }
}
