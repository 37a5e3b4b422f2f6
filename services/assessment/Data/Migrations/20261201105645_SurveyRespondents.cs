using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class SurveyRespondents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "period",
                table: "survey_answers",
                type: "character varying(7)",
                maxLength: 7,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "respondent_key",
                table: "survey_answers",
                type: "character varying(60)",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            // Answers recorded before respondents were named: each its own respondent, in its China-time month.
            migrationBuilder.Sql(
                "UPDATE survey_answers SET respondent_key = 'recorded:' || id::text, " +
                "period = to_char(answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM')");

            migrationBuilder.CreateIndex(
                name: "ix_survey_answers_organisation_id_respondent_key_period",
                table: "survey_answers",
                columns: new[] { "organisation_id", "respondent_key", "period" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_survey_answers_organisation_id_respondent_key_period",
                table: "survey_answers");

            migrationBuilder.DropColumn(
                name: "period",
                table: "survey_answers");

            migrationBuilder.DropColumn(
                name: "respondent_key",
                table: "survey_answers");
        }
    }
}
