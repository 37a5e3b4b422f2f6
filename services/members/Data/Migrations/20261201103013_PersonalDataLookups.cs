using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Members.Data.Migrations
{
    /// <inheritdoc />
    public partial class PersonalDataLookups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "member_id",
                table: "personal_data_access",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid[]>(
                name: "matched_member_ids",
                table: "personal_data_access",
                type: "uuid[]",
                nullable: false,
                defaultValue: new Guid[0]);

            migrationBuilder.AddColumn<string>(
                name: "use",
                table: "personal_data_access",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "reveal");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_access_matched_member_ids",
                table: "personal_data_access",
                column: "matched_member_ids")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_personal_data_access_reader_subject_use_accessed_at",
                table: "personal_data_access",
                columns: new[] { "reader_subject", "use", "accessed_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_personal_data_access_matched_member_ids",
                table: "personal_data_access");

            migrationBuilder.DropIndex(
                name: "ix_personal_data_access_reader_subject_use_accessed_at",
                table: "personal_data_access");

            migrationBuilder.DropColumn(
                name: "matched_member_ids",
                table: "personal_data_access");

            migrationBuilder.DropColumn(
                name: "use",
                table: "personal_data_access");

            migrationBuilder.AlterColumn<Guid>(
                name: "member_id",
                table: "personal_data_access",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
