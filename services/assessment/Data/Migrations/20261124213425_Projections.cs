using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class Projections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessed_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    needs_support = table.Column<bool>(type: "boolean", nullable: false),
                    flow = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lost_contact = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessed_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assessed_pairings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    urban_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rural_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    overall_progress = table.Column<decimal>(type: "numeric(6,4)", precision: 6, scale: 4, nullable: false),
                    overdue_commitments = table.Column<int>(type: "integer", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessed_pairings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "assessed_service_sites",
                columns: table => new
                {
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    open = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessed_service_sites", x => x.organisation_id);
                });

            migrationBuilder.CreateTable(
                name: "assessed_tickets",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    channel = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    intake_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    intake_tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    current_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    accepted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    response_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolution_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    resolved_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    resolved_tier = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    escalation_count = table.Column<int>(type: "integer", nullable: false),
                    reopen_count = table.Column<int>(type: "integer", nullable: false),
                    rating = table.Column<int>(type: "integer", nullable: true),
                    supervised = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessed_tickets", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assessed_members_organisation_id",
                table: "assessed_members",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessed_pairings_rural_organisation_id",
                table: "assessed_pairings",
                column: "rural_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessed_pairings_urban_organisation_id",
                table: "assessed_pairings",
                column: "urban_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessed_tickets_intake_organisation_id_submitted_at",
                table: "assessed_tickets",
                columns: new[] { "intake_organisation_id", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_assessed_tickets_resolved_organisation_id_resolved_at",
                table: "assessed_tickets",
                columns: new[] { "resolved_organisation_id", "resolved_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessed_members");

            migrationBuilder.DropTable(
                name: "assessed_pairings");

            migrationBuilder.DropTable(
                name: "assessed_service_sites");

            migrationBuilder.DropTable(
                name: "assessed_tickets");
        }
    }
}
