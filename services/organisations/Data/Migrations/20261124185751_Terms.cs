using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Organisations.Data.Migrations
{
    /// <inheritdoc />
    public partial class Terms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "terms",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    elected_on = table.Column<DateOnly>(type: "date", nullable: false),
                    years = table.Column<int>(type: "integer", nullable: false),
                    expires_on = table.Column<DateOnly>(type: "date", nullable: false),
                    secretary_member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    committee = table.Column<List<string>>(type: "text[]", nullable: false),
                    last_reminder_months = table.Column<int>(type: "integer", nullable: false),
                    superseded = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_terms", x => x.id);
                    table.ForeignKey(
                        name: "fk_terms_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_terms_expires_on",
                table: "terms",
                column: "expires_on",
                filter: "NOT superseded");

            migrationBuilder.CreateIndex(
                name: "ix_terms_organisation_id",
                table: "terms",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "terms");
        }
    }
}
