using Microsoft.EntityFrameworkCore;
using PartyGrid.Gateway.ApiKeys;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Gateway.Data;

/// <summary>The gateway's own database: partner API keys, the key pairs that sign partner identities, and the organisation tree they are issued for.</summary>
public sealed class GatewayDbContext(DbContextOptions<GatewayDbContext> options) : DbContext(options)
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddStoredKeys();
        modelBuilder.AddMessagingTables();
        modelBuilder.AddOrganisationProjection();
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).ValueGeneratedNever();
            e.Property(k => k.Name).HasMaxLength(200);
            e.Property(k => k.Hint).HasMaxLength(20);
            e.Property(k => k.CreatedBy).HasMaxLength(200);
            e.Property(k => k.RevokedBy).HasMaxLength(200);
            e.HasIndex(k => k.SecretHash).IsUnique();
        });
    }
}
