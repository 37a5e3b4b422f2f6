using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Pairing.Data;

public sealed class PairingDbContext(DbContextOptions<PairingDbContext> options) : DbContext(options)
{
    public DbSet<ProjectedOrganisation> Organisations => Set<ProjectedOrganisation>();

    public DbSet<Domain.Pairing> Pairings => Set<Domain.Pairing>();

    public DbSet<PairingActivity> Activities => Set<PairingActivity>();

    public DbSet<HouseholdPairing> HouseholdPairings => Set<HouseholdPairing>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddOrganisationProjection();
        modelBuilder.AddMemberProjection();
        modelBuilder.AddIdempotencyRecords();

        modelBuilder.Entity<Domain.Pairing>(e =>
        {
            e.ToTable("pairings");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Status).HasConversion<WireNameConverter<PairingStatus>>().HasMaxLength(20);
            e.Property(p => p.EndReason).HasMaxLength(500);
            e.Property(p => p.ProposedBy).HasConversion<int>();
            e.Property(p => p.Version).IsConcurrencyToken();
            e.HasIndex(p => p.UrbanOrganisationId);
            e.HasIndex(p => p.RuralOrganisationId);
            e.Ignore(p => p.OverallProgress);
            e.OwnsMany(p => p.Commitments, c =>
            {
                c.ToTable("pairing_commitments");
                c.WithOwner().HasForeignKey("PairingId");
                c.HasKey(x => x.Id);
                c.Property(x => x.Id).ValueGeneratedNever();
                c.Property(x => x.Kind).HasConversion<WireNameConverter<CommitmentKind>>().HasMaxLength(30);
                c.Property(x => x.Description).HasMaxLength(500);
                c.Property(x => x.Unit).HasMaxLength(20);
                c.Property(x => x.Target).HasPrecision(14, 2);
                c.Property(x => x.Achieved).HasPrecision(14, 2);
                c.Ignore(x => x.Progress);
            });
            e.Navigation(p => p.Commitments).AutoInclude();
        });

        modelBuilder.Entity<PairingActivity>(e =>
        {
            e.ToTable("pairing_activities");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Kind).HasConversion<WireNameConverter<CommitmentKind>>().HasMaxLength(30);
            e.Property(a => a.Description).HasMaxLength(2000);
            e.Property(a => a.RecordedBy).HasMaxLength(200);
            e.Property(a => a.FundsYuan).HasPrecision(14, 2);
            e.Property(a => a.Amount).HasPrecision(14, 2);
            e.HasIndex(a => new { a.PairingId, a.OccurredOn });
        });

        modelBuilder.Entity<HouseholdPairing>(e =>
        {
            e.ToTable("household_pairings");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.HouseholdHead).HasMaxLength(100);
            e.Property(h => h.Address).HasMaxLength(300);
            e.Property(h => h.Needs).HasMaxLength(1000);
            e.Property(h => h.Version).IsConcurrencyToken();
            e.HasIndex(h => h.OrganisationId);
            e.HasIndex(h => h.MemberId);
            e.HasMany(h => h.Visits).WithOne().HasForeignKey(v => v.HouseholdPairingId);
            e.Navigation(h => h.Visits).AutoInclude();
        });

        modelBuilder.Entity<HouseholdVisit>(e =>
        {
            e.ToTable("household_visits");
            e.HasKey(v => v.Id);
            e.Property(v => v.Id).ValueGeneratedNever();
            e.Property(v => v.Note).HasMaxLength(2000);
            e.Property(v => v.RecordedBy).HasMaxLength(200);
        });
    }
}
