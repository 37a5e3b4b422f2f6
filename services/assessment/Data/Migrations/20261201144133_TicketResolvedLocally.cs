using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class TicketResolvedLocally : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "resolved_locally",
                table: "assessed_tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Rows projected before tickets carried the flag get it by the rule the counts were made with,
            // so a later change of the ticket takes out exactly what its earlier version put in.
            migrationBuilder.Sql("""
                UPDATE assessed_tickets
                SET resolved_locally = resolved_tier IS NOT NULL
                    AND (resolved_tier = intake_tier OR (intake_tier = 'group' AND resolved_tier = 'village'))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "resolved_locally",
                table: "assessed_tickets");
        }
    }
}
