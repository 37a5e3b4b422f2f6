using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Organisations.Data;

public sealed class OrganisationsDbContext(DbContextOptions<OrganisationsDbContext> options) : DbContext(options)
{
    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<ServiceSite> ServiceSites => Set<ServiceSite>();

    public DbSet<Term> Terms => Set<Term>();

    /// <summary>Everything below <paramref name="organisation"/>, locked: a concurrent move or rename below waits for this change.</summary>
    public Task<List<Organisation>> LockDescendantsAsync(Organisation organisation, CancellationToken cancellationToken) =>
        Organisations.FromSql($"SELECT * FROM organisations WHERE path <@ {organisation.Path}::ltree AND id <> {organisation.Id} FOR UPDATE")
            .ToListAsync(cancellationToken);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("ltree");
        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.Entity<Organisation>(e =>
        {
            e.ToTable("organisations");
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).ValueGeneratedNever();
            e.Property(o => o.Path).HasColumnType("ltree").HasConversion(path => new LTree(path), tree => tree.ToString());
            e.HasIndex(o => o.Path).HasMethod("gist");
            e.Property(o => o.Code).HasMaxLength(64);
            e.HasIndex(o => o.Code).IsUnique();
            e.Property(o => o.Name).HasMaxLength(200);
            e.HasIndex(o => o.ParentId);
            e.Property(o => o.Tier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(o => o.Area).HasConversion<WireNameConverter<Area>>().HasMaxLength(20);
            e.Property(o => o.Kind).HasConversion<WireNameConverter<OrganisationKind>>().HasMaxLength(20);
            e.Property(o => o.Status).HasConversion<WireNameConverter<OrganisationStatus>>().HasMaxLength(20);
            e.Property(o => o.Version).IsConcurrencyToken();
            e.Property(o => o.DissolutionReason).HasMaxLength(500);
        });

        modelBuilder.Entity<ServiceSite>(e =>
        {
            e.ToTable("service_sites");
            e.HasKey(s => s.OrganisationId);
            e.HasOne<Organisation>().WithOne().HasForeignKey<ServiceSite>(s => s.OrganisationId);
            e.Property(s => s.Name).HasMaxLength(200);
            e.Property(s => s.Address).HasMaxLength(300);
            e.Property(s => s.Phone).HasMaxLength(40);
            e.Property(s => s.OpeningHours).HasMaxLength(200);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.Ignore(s => s.Details);
        });

        modelBuilder.Entity<Term>(e =>
        {
            e.ToTable("terms");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.HasOne<Organisation>().WithMany().HasForeignKey(t => t.OrganisationId);
            e.HasIndex(t => t.ExpiresOn).HasFilter("NOT superseded");
            e.Property(t => t.Version).IsConcurrencyToken();
        });
    }
}
