using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PartyGrid.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class SubtreeShards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts");

            migrationBuilder.AddColumn<short>(
                name: "shard",
                table: "subtree_counts",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.AddPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts",
                columns: new[] { "period", "organisation_id", "shard" });

            // A database with counts already in it gets its subtree totals summed once here, with the
            // columns the tables had at this migration: a migration is history, so it does not read today's counters.
            migrationBuilder.Sql("""
                TRUNCATE subtree_counts, subtree_coverage;
                INSERT INTO subtree_counts (period, organisation_id, shard, submitted, responded_on_time, escalated, taken_in_resolved, resolved_locally, due, resolved_on_time, resolved, rated, satisfied_ratings, rating_sum, reopened, member_answers, member_satisfied, resident_answers, resident_satisfied, commitments_due, commitments_fulfilled)
                SELECT c.period, l::uuid, 0, sum(c.submitted), sum(c.responded_on_time), sum(c.escalated), sum(c.taken_in_resolved), sum(c.resolved_locally), sum(c.due), sum(c.resolved_on_time), sum(c.resolved), sum(c.rated), sum(c.satisfied_ratings), sum(c.rating_sum), sum(c.reopened), sum(c.member_answers), sum(c.member_satisfied), sum(c.resident_answers), sum(c.resident_satisfied), sum(c.commitments_due), sum(c.commitments_fulfilled)
                FROM period_counts c JOIN organisations o ON o.id = c.organisation_id
                CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS l
                GROUP BY 1, 2;
                INSERT INTO subtree_coverage (organisation_id, county_organisations, county_covered, township_organisations, township_covered, village_organisations, village_covered, group_organisations, group_covered)
                SELECT l::uuid, sum(CASE WHEN o.status = 'active' AND o.tier = 'county' THEN 1 ELSE 0 END), sum(CASE WHEN o.status = 'active' AND o.tier = 'county' AND coalesce(s.open, false) THEN 1 ELSE 0 END), sum(CASE WHEN o.status = 'active' AND o.tier = 'township' THEN 1 ELSE 0 END), sum(CASE WHEN o.status = 'active' AND o.tier = 'township' AND coalesce(s.open, false) THEN 1 ELSE 0 END), sum(CASE WHEN o.status = 'active' AND o.tier = 'village' THEN 1 ELSE 0 END), sum(CASE WHEN o.status = 'active' AND o.tier = 'village' AND coalesce(s.open, false) THEN 1 ELSE 0 END), sum(CASE WHEN o.status = 'active' AND o.tier = 'group' THEN 1 ELSE 0 END), sum(CASE WHEN o.status = 'active' AND o.tier = 'group' AND coalesce(s.open, false) THEN 1 ELSE 0 END)
                FROM organisations o LEFT JOIN assessed_service_sites s ON s.organisation_id = o.id
                CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')) AS l
                GROUP BY 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts");

            migrationBuilder.DropColumn(
                name: "shard",
                table: "subtree_counts");

            migrationBuilder.AddPrimaryKey(
                name: "pk_subtree_counts",
                table: "subtree_counts",
                columns: new[] { "period", "organisation_id" });
        }
    }
}
