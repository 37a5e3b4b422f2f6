using Microsoft.EntityFrameworkCore;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;

namespace PartyGrid.Messaging.Tests;

/// <summary>A service database for messaging tests: the real outbox, inbox and idempotency tables plus a tally of effects.</summary>
public sealed class ProbeDbContext(DbContextOptions<ProbeDbContext> options) : DbContext(options)
{
    public DbSet<Tally> Tallies => Set<Tally>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.Entity<Tally>(e =>
        {
            e.ToTable("tallies");
            e.HasKey(t => t.MessageId);
        });
    }
}

/// <summary>How many times a consumer's effect was applied for one message.</summary>
public sealed class Tally
{
    public Guid MessageId { get; init; }

    public int Count { get; set; }
}
