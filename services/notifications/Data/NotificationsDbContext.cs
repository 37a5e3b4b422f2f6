using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Notifications.Data;

public sealed class NotificationsDbContext(DbContextOptions<NotificationsDbContext> options) : DbContext(options)
{
    public DbSet<ProjectedOrganisation> Organisations => Set<ProjectedOrganisation>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<Domain.Delivery> Deliveries => Set<Domain.Delivery>();

    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public DbSet<TicketState> Tickets => Set<TicketState>();

    /// <summary>Removes subscriptions with every delivery and attempt of theirs (call inside a transaction).</summary>
    public async Task RemoveAsync(IQueryable<Subscription> subscriptions, CancellationToken cancellationToken)
    {
        var ids = subscriptions.Select(s => s.Id);
        await Attempts.Where(a => Deliveries.Any(d => d.Id == a.DeliveryId && ids.Contains(d.SubscriptionId))).ExecuteDeleteAsync(cancellationToken);
        await Deliveries.Where(d => ids.Contains(d.SubscriptionId)).ExecuteDeleteAsync(cancellationToken);
        await subscriptions.ExecuteDeleteAsync(cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddOrganisationProjection();

        modelBuilder.Entity<Subscription>(e =>
        {
            e.ToTable("subscriptions");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).ValueGeneratedNever();
            e.Property(s => s.Owner).HasMaxLength(200);
            e.Property(s => s.Url).HasMaxLength(2000);
            e.Property(s => s.Description).HasMaxLength(200);
            e.Property(s => s.StatusReason).HasMaxLength(200);
            e.Property(s => s.Status).HasConversion<WireNameConverter<SubscriptionStatus>>().HasMaxLength(20);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasIndex(s => s.Owner);
            e.HasIndex(s => s.OrganisationId);
        });

        modelBuilder.Entity<Domain.Delivery>(e =>
        {
            e.ToTable("deliveries");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.Sequence).UseIdentityAlwaysColumn();
            e.Property(d => d.Type).HasMaxLength(40);
            e.Property(d => d.Status).HasConversion<WireNameConverter<DeliveryStatus>>().HasMaxLength(20);
            e.Property(d => d.LastError).HasMaxLength(500);
            e.Ignore(d => d.MessageId);
            e.HasMany(d => d.AttemptLog).WithOne().HasForeignKey(a => a.DeliveryId);
            e.HasIndex(d => d.NextAttemptAt).HasFilter("status = 'pending'").HasDatabaseName("ix_deliveries_pending_due");
            e.HasIndex(d => new { d.SubscriptionId, d.TicketId, d.Sequence });
            e.HasIndex(d => new { d.SubscriptionId, d.Sequence });
        });

        modelBuilder.Entity<DeliveryAttempt>(e =>
        {
            e.ToTable("delivery_attempts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Error).HasMaxLength(500);
            e.HasIndex(a => new { a.DeliveryId, a.At });
        });

        modelBuilder.Entity<TicketState>(e =>
        {
            e.ToTable("ticket_states");
            e.HasKey(t => t.TicketId);
            e.Property(t => t.Status).HasConversion<WireNameConverter<TicketStatus>>().HasMaxLength(20);
        });
    }
}
