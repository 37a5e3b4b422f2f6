using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Tickets.Data.Migrations
{
    /// <inheritdoc />
    public partial class ImportedTickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "imported",
                table: "tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "imported",
                table: "tickets");
        }
    }
}
