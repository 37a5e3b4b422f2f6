using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Tickets.Data.Migrations
{
    /// <inheritdoc />
    public partial class RatingHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "deadlines_rectification_days",
                table: "tickets",
                type: "integer",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_resolution_due_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_resolved_at",
                table: "tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "first_resolved_organisation_id",
                table: "tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "first_resolved_tier",
                table: "tickets",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ratings",
                table: "tickets",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "reopenings",
                table: "tickets",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            // Tickets resolved before the history was kept: their resolution is their first, and a rating
            // they hold was given at it. Earlier reopenings cannot be told apart any more.
            migrationBuilder.Sql("""
                UPDATE tickets SET first_resolved_at = resolved_at, first_resolved_organisation_id = resolved_organisation_id,
                    first_resolved_tier = resolved_tier, first_resolution_due_at = resolution_due_at
                WHERE resolved_at IS NOT NULL;
                UPDATE tickets SET ratings = jsonb_build_array(jsonb_build_object(
                    'score', rating, 'at', coalesce(closed_at, resolved_at), 'organisationId', resolved_organisation_id))
                WHERE rating IS NOT NULL AND resolved_organisation_id IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "deadlines_rectification_days",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_resolution_due_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_resolved_at",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_resolved_organisation_id",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "first_resolved_tier",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "ratings",
                table: "tickets");

            migrationBuilder.DropColumn(
                name: "reopenings",
                table: "tickets");
        }
    }
}
