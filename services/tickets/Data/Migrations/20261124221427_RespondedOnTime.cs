using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Tickets.Data.Migrations
{
    /// <inheritdoc />
    public partial class RespondedOnTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "responded_on_time",
                table: "tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "responded_on_time",
                table: "tickets");
        }
    }
}
