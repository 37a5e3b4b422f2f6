using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Tickets.Data.Migrations
{
    /// <inheritdoc />
    public partial class RatingLink : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "rating_link_hash",
                table: "tickets",
                type: "bytea",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_tickets_rating_link_hash",
                table: "tickets",
                column: "rating_link_hash",
                unique: true,
                filter: "rating_link_hash IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_tickets_rating_link_hash",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "rating_link_hash",
                table: "tickets");
        }
    }
}
