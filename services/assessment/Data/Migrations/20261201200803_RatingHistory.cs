using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class RatingHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "rectifications_due",
                table: "subtree_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "rectified_on_time",
                table: "subtree_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "unsatisfied_ratings",
                table: "subtree_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "rectifications_due",
                table: "period_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "rectified_on_time",
                table: "period_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "unsatisfied_ratings",
                table: "period_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "rectifications_due",
                table: "frozen_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "rectified_on_time",
                table: "frozen_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "unsatisfied_ratings",
                table: "frozen_counts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_resolution_due_at",
                table: "assessed_tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "first_resolved_at",
                table: "assessed_tickets",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "first_resolved_organisation_id",
                table: "assessed_tickets",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "first_resolved_tier",
                table: "assessed_tickets",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "imported",
                table: "assessed_tickets",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "ratings",
                table: "assessed_tickets",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "reopenings",
                table: "assessed_tickets",
                type: "jsonb",
                nullable: false,
                defaultValueSql: "'[]'::jsonb");

            migrationBuilder.AddColumn<string>(
                name: "title",
                table: "assessed_tickets",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "rectifications_due",
                table: "subtree_counts");

            migrationBuilder.DropColumn(
                name: "rectified_on_time",
                table: "subtree_counts");

            migrationBuilder.DropColumn(
                name: "unsatisfied_ratings",
                table: "subtree_counts");

            migrationBuilder.DropColumn(
                name: "rectifications_due",
                table: "period_counts");

            migrationBuilder.DropColumn(
                name: "rectified_on_time",
                table: "period_counts");

            migrationBuilder.DropColumn(
                name: "unsatisfied_ratings",
                table: "period_counts");

            migrationBuilder.DropColumn(
                name: "rectifications_due",
                table: "frozen_counts");

            migrationBuilder.DropColumn(
                name: "rectified_on_time",
                table: "frozen_counts");

            migrationBuilder.DropColumn(
                name: "unsatisfied_ratings",
                table: "frozen_counts");

            migrationBuilder.DropColumn(
                name: "first_resolution_due_at",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "first_resolved_at",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "first_resolved_organisation_id",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "first_resolved_tier",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "imported",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "ratings",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "reopenings",
                table: "assessed_tickets");

            migrationBuilder.DropColumn(
                name: "title",
                table: "assessed_tickets");
        }
    }
}
