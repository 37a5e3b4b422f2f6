using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Organisations.Data.Migrations
{
    /// <inheritdoc />
    public partial class Dissolution : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "dissolution_reason",
                table: "organisations",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "organisations",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "dissolution_reason",
                table: "organisations");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "organisations");
        }
    }
}
