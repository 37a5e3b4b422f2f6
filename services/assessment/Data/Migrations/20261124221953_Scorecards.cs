using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class Scorecards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "responded_on_time",
                table: "assessed_tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateOnly[]>(
                name: "commitments_due_on",
                table: "assessed_pairings",
                type: "date[]",
                nullable: false,
                defaultValue: new DateOnly[0]);

            migrationBuilder.AddColumn<bool[]>(
                name: "commitments_fulfilled",
                table: "assessed_pairings",
                type: "boolean[]",
                nullable: false,
                defaultValue: new bool[0]);

            migrationBuilder.CreateTable(
                name: "assessment_schemes",
                columns: table => new
                {
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    document = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessment_schemes", x => x.version);
                });

            migrationBuilder.CreateTable(
                name: "closed_periods",
                columns: table => new
                {
                    period = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    scheme_version = table.Column<int>(type: "integer", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_closed_periods", x => x.period);
                });

            migrationBuilder.CreateTable(
                name: "frozen_counts",
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
                    commitments_fulfilled = table.Column<int>(type: "integer", nullable: false),
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
                    table.PrimaryKey("pk_frozen_counts", x => new { x.period, x.organisation_id });
                });

            migrationBuilder.CreateTable(
                name: "period_counts",
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
                    commitments_fulfilled = table.Column<int>(type: "integer", nullable: false),
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
                    table.PrimaryKey("pk_period_counts", x => new { x.period, x.organisation_id });
                });

            migrationBuilder.CreateTable(
                name: "survey_answers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    respondent = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    score = table.Column<int>(type: "integer", nullable: false),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_answers", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_organisation_id_answered_at",
                table: "survey_answers",
                columns: new[] { "organisation_id", "answered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_schemes");

            migrationBuilder.DropTable(
                name: "closed_periods");

            migrationBuilder.DropTable(
                name: "frozen_counts");

            migrationBuilder.DropTable(
                name: "period_counts");

            migrationBuilder.DropTable(
                name: "survey_answers");

            migrationBuilder.DropColumn(
                name: "responded_on_time",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "commitments_due_on",
                table: "assessed_pairings");

            migrationBuilder.DropColumn(
                name: "commitments_fulfilled",
                table: "assessed_pairings");
        }
    }
}
