using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Members.Data.Migrations
{
    /// <inheritdoc />
    public partial class Members : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_flows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    home_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    destination_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    destination_place = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    from = table.Column<DateOnly>(type: "date", nullable: false),
                    expected_return = table.Column<DateOnly>(type: "date", nullable: true),
                    card_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    registered_in_on = table.Column<DateOnly>(type: "date", nullable: true),
                    lost_contact_since = table.Column<DateOnly>(type: "date", nullable: true),
                    returned_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_flows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    gender = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    ethnicity = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    id_number_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    id_number_lookup = table.Column<byte[]>(type: "bytea", nullable: false),
                    phone_cipher = table.Column<byte[]>(type: "bytea", nullable: false),
                    phone_lookup = table.Column<byte[]>(type: "bytea", nullable: false),
                    education = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    joined_on = table.Column<DateOnly>(type: "date", nullable: false),
                    probation_ends_on = table.Column<DateOnly>(type: "date", nullable: false),
                    full_membership_on = table.Column<DateOnly>(type: "date", nullable: true),
                    left_on = table.Column<DateOnly>(type: "date", nullable: true),
                    left_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    needs_support = table.Column<bool>(type: "boolean", nullable: false),
                    support_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    flow = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    lost_contact = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "personal_data_access",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reader_subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reader_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reader_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    accessed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    trace_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_personal_data_access", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    skills = table.Column<List<string>>(type: "text[]", nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "transfers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    from_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    to_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    valid_days = table.Column<int>(type: "integer", nullable: false),
                    valid_until = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    awaiting_organisation_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closing_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "service_team_members",
                columns: table => new
                {
                    team_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: false),
                    joined_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_team_members", x => new { x.team_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_service_team_members_service_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "service_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transfer_steps",
                columns: table => new
                {
                    ordinal = table.Column<int>(type: "integer", nullable: false),
                    transfer_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decision = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_transfer_steps", x => new { x.transfer_id, x.ordinal });
                    table.ForeignKey(
                        name: "fk_transfer_steps_transfers_transfer_id",
                        column: x => x.transfer_id,
                        principalTable: "transfers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_member_flows_destination_organisation_id",
                table: "member_flows",
                column: "destination_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_member_flows_home_organisation_id",
                table: "member_flows",
                column: "home_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_member_flows_one_active_per_member",
                table: "member_flows",
                column: "member_id",
                unique: true,
                filter: "status IN ('flowing-out', 'flowing-in')");

            migrationBuilder.CreateIndex(
                name: "ix_members_id_number_lookup",
                table: "members",
                column: "id_number_lookup",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_members_organisation_id_id",
                table: "members",
                columns: new[] { "organisation_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_members_phone_lookup",
                table: "members",
                column: "phone_lookup");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_access_member_id_id",
                table: "personal_data_access",
                columns: new[] { "member_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_team_members_member_id",
                table: "service_team_members",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_teams_organisation_id",
                table: "service_teams",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_awaiting_organisation_id",
                table: "transfers",
                column: "awaiting_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_from_organisation_id",
                table: "transfers",
                column: "from_organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_one_open_per_member",
                table: "transfers",
                column: "member_id",
                unique: true,
                filter: "status IN ('requested', 'in-approval', 'awaiting-receipt')");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_open_valid_until",
                table: "transfers",
                column: "valid_until",
                filter: "status IN ('requested', 'in-approval', 'awaiting-receipt')");

            migrationBuilder.CreateIndex(
                name: "ix_transfers_to_organisation_id",
                table: "transfers",
                column: "to_organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_flows");

            migrationBuilder.DropTable(
                name: "members");

            migrationBuilder.DropTable(
                name: "personal_data_access");

            migrationBuilder.DropTable(
                name: "service_team_members");

            migrationBuilder.DropTable(
                name: "transfer_steps");

            migrationBuilder.DropTable(
                name: "service_teams");

            migrationBuilder.DropTable(
                name: "transfers");
        }
    }
}
