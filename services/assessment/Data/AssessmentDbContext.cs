using Microsoft.EntityFrameworkCore;
using PartyGrid.Assessment.Projections;
using PartyGrid.Contracts;
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

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddOrganisationProjection();

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
        });

        modelBuilder.Entity<AssessedServiceSite>(e =>
        {
            e.ToTable("assessed_service_sites");
            e.HasKey(s => s.OrganisationId);
            e.Property(s => s.OrganisationId).ValueGeneratedNever();
            e.Property(s => s.Tier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
        });
    }
}
