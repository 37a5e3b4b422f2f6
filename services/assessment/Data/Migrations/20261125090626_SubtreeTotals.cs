using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubtreeTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "subtree_counts",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    submitted = table.Column<int>(type: "integer", nullable: false),
                    responded_on_time = table.Column<int>(type: "integer", nullable: false),
                    escalated = table.Column<int>(type: "integer", nullable: false),
                    taken_in_resolved = table.Column<int>(type: "integer", nullable: false),
                    resolved_locally = table.Column<int>(type: "integer", nullable: false),
                    due = table.Column<int>(type: "integer", nullable: false),
                    resolved_on_time = table.Column<int>(type: "integer", nullable: false),
                    resolved = table.Column<int>(type: "integer", nullable: false),
                    rated = table.Column<int>(type: "integer", nullable: false),
                    satisfied_ratings = table.Column<int>(type: "integer", nullable: false),
                    rating_sum = table.Column<int>(type: "integer", nullable: false),
                    reopened = table.Column<int>(type: "integer", nullable: false),
                    member_answers = table.Column<int>(type: "integer", nullable: false),
                    member_satisfied = table.Column<int>(type: "integer", nullable: false),
                    resident_answers = table.Column<int>(type: "integer", nullable: false),
                    resident_satisfied = table.Column<int>(type: "integer", nullable: false),
                    commitments_due = table.Column<int>(type: "integer", nullable: false),
                    commitments_fulfilled = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subtree_counts", x => new { x.period, x.organisation_id });
                });

            migrationBuilder.CreateTable(
                name: "subtree_coverage",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_organisations = table.Column<int>(type: "integer", nullable: false),
                    county_covered = table.Column<int>(type: "integer", nullable: false),
                    township_organisations = table.Column<int>(type: "integer", nullable: false),
                    township_covered = table.Column<int>(type: "integer", nullable: false),
                    village_organisations = table.Column<int>(type: "integer", nullable: false),
                    village_covered = table.Column<int>(type: "integer", nullable: false),
                    group_organisations = table.Column<int>(type: "integer", nullable: false),
                    group_covered = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subtree_coverage", x => x.organisation_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_organisations_parent_id",
                table: "organisations",
                column: "parent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "subtree_counts");

            migrationBuilder.DropTable(
                name: "subtree_coverage");

            migrationBuilder.DropIndex(
                name: "ix_organisations_parent_id",
                table: "organisations");
        }
    }
}
