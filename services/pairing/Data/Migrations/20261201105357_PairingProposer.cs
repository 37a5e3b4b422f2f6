using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Pairing.Data.Migrations
{
    /// <inheritdoc />
    public partial class PairingProposer : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "proposed_by",
                table: "pairings",
                type: "integer",
                nullable: false,
                defaultValue: 3);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "proposed_by",
                table: "pairings");
        }
    }
}
