using PartyGrid.Assessment.Projections;
using PartyGrid.Assessment.Surveys;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Assessment.Data;

public sealed class AssessmentDbContext(DbContextOptions<AssessmentDbContext> options) : DbContext(options)
{
    public DbSet<ProjectedOrganisation> Organisations => Set<ProjectedOrganisation>();

    public DbSet<AssessedTicket> Tickets => Set<AssessedTicket>();

    public DbSet<AssessedMember> Members => Set<AssessedMember>();

    public DbSet<AssessedPairing> Pairings => Set<AssessedPairing>();

    public DbSet<AssessedServiceSite> ServiceSites => Set<AssessedServiceSite>();

    public DbSet<PeriodCountRow> PeriodCounts => Set<PeriodCountRow>();

    public DbSet<FrozenCountRow> FrozenCounts => Set<FrozenCountRow>();

    public DbSet<ClosedPeriod> ClosedPeriods => Set<ClosedPeriod>();

    public DbSet<SchemeRecord> Schemes => Set<SchemeRecord>();

    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddOrganisationProjection();

        // Leagues list an organisation's children.
        modelBuilder.Entity<ProjectedOrganisation>().HasIndex(o => o.ParentId);

        modelBuilder.Entity<AssessedTicket>(e =>
        {
            e.ToTable("assessed_tickets");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Number).HasMaxLength(20);
            e.Property(t => t.Category).HasConversion<WireNameConverter<TicketCategory>>().HasMaxLength(20);
            e.Property(t => t.Channel).HasConversion<WireNameConverter<TicketChannel>>().HasMaxLength(20);
            e.Property(t => t.Status).HasConversion<WireNameConverter<TicketStatus>>().HasMaxLength(20);
            e.Property(t => t.IntakeTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.CurrentTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.ResolvedTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.FirstResolvedTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Ratings).HasColumnType("jsonb").HasConversion(JsonList<TicketRating>.Converter, JsonList<TicketRating>.Comparer);
            e.Property(t => t.Reopenings).HasColumnType("jsonb").HasConversion(JsonList<TicketReopening>.Converter, JsonList<TicketReopening>.Comparer);
            e.Ignore(t => t.FirstResolution);
            e.HasIndex(t => new { t.IntakeOrganisationId, t.SubmittedAt });
            e.HasIndex(t => new { t.ResolvedOrganisationId, t.ResolvedAt });
        });

        modelBuilder.Entity<AssessedMember>(e =>
        {
            e.ToTable("assessed_members");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Status).HasConversion<WireNameConverter<MemberStatus>>().HasMaxLength(20);
            e.Property(m => m.Flow).HasConversion<WireNameConverter<MemberFlowStatus>>().HasMaxLength(20);
            e.HasIndex(m => m.OrganisationId);
        });

        modelBuilder.Entity<AssessedPairing>(e =>
        {
            e.ToTable("assessed_pairings");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Status).HasConversion<WireNameConverter<PairingStatus>>().HasMaxLength(20);
            e.Property(p => p.OverallProgress).HasPrecision(6, 4);
            e.HasIndex(p => p.UrbanOrganisationId);
            e.HasIndex(p => p.RuralOrganisationId);
            e.Ignore(p => p.Commitments);
        });

        modelBuilder.Entity<AssessedServiceSite>(e =>
        {
            e.ToTable("assessed_service_sites");
            e.HasKey(s => s.OrganisationId);
            e.Property(s => s.OrganisationId).ValueGeneratedNever();
            e.Property(s => s.Tier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
        });

        modelBuilder.Entity<PeriodCountRow>(e =>
        {
            e.ToTable("period_counts");
            e.HasKey(c => new { c.Period, c.OrganisationId });
            e.Property(c => c.Period).HasMaxLength(7);
        });

        modelBuilder.Entity<SubtreeCountRow>(e =>
        {
            e.ToTable("subtree_counts");
            e.HasKey(c => new { c.Period, c.OrganisationId, c.Shard });
            e.Property(c => c.Period).HasMaxLength(7);
        });

        modelBuilder.Entity<SubtreeCoverageRow>(e =>
        {
            e.ToTable("subtree_coverage");
            e.HasKey(c => c.OrganisationId);
            e.Property(c => c.OrganisationId).ValueGeneratedNever();
        });

        modelBuilder.Entity<FrozenCountRow>(e =>
        {
            e.ToTable("frozen_counts");
            e.HasKey(c => new { c.Period, c.OrganisationId });
            e.Property(c => c.Period).HasMaxLength(7);
        });

        modelBuilder.Entity<ClosedPeriod>(e =>
        {
            e.ToTable("closed_periods");
            e.HasKey(p => p.Period);
            e.Property(p => p.Period).HasMaxLength(7);
            e.Property(p => p.ClosedBy).HasMaxLength(200);
        });

        modelBuilder.Entity<SchemeRecord>(e =>
        {
            e.ToTable("assessment_schemes");
            e.HasKey(s => s.Version);
            e.Property(s => s.Version).ValueGeneratedNever();
            e.Property(s => s.EffectiveFrom).HasMaxLength(7);
            e.Property(s => s.Document).HasColumnType("jsonb");
            e.Property(s => s.CreatedBy).HasMaxLength(200);
        });

        modelBuilder.Entity<SurveyAnswer>(e =>
        {
            e.ToTable("survey_answers");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Respondent).HasConversion<WireNameConverter<Respondent>>().HasMaxLength(20);
            e.Property(a => a.Comment).HasMaxLength(500);
            e.Property(a => a.RecordedBy).HasMaxLength(200);
            e.HasIndex(a => new { a.OrganisationId, a.AnsweredAt });
            e.Property(a => a.RespondentKey).HasMaxLength(60);
            e.Property(a => a.Period).HasMaxLength(7);
            e.HasIndex(a => new { a.OrganisationId, a.RespondentKey, a.Period }).IsUnique();
        });
    }
}
