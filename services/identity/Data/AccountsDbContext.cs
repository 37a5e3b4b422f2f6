using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Identity.Accounts;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Identity.Data;

/// <summary>
/// The identity service's database: staff accounts (ASP.NET Core Identity), OpenIddict's clients,
/// authorizations and tokens, the key ring, Data Protection's keys (for the sign-in cookies), the
/// audit log and a projection of the organisation tree.
/// </summary>
public sealed class AccountsDbContext(DbContextOptions<AccountsDbContext> options)
    : IdentityUserContext<StaffAccount, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<ProjectedOrganisation> Organisations => Set<ProjectedOrganisation>();

    public DbSet<AccountAuditEntry> AccountAudit => Set<AccountAuditEntry>();

    public DbSet<PasswordHistoryEntry> PasswordHistory => Set<PasswordHistoryEntry>();

    public DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys =>
        Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict<Guid>();
        builder.AddMessagingTables();
        builder.AddOrganisationProjection();
        builder.AddIdempotencyRecords();
        builder.AddStoredKeys();

        builder.Entity<StaffAccount>(e =>
        {
            e.ToTable("staff_accounts");
            e.Property(a => a.DisplayName).HasMaxLength(100);
            e.Property(a => a.Status).HasConversion<WireNameConverter<AccountStatus>>().HasMaxLength(20);
            e.Property(a => a.Roles).HasColumnType("text[]");
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasIndex(a => a.HomeOrganisationId);
        });
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("staff_account_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("staff_account_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("staff_account_tokens");

        builder.Entity<AccountAuditEntry>(e =>
        {
            e.ToTable("account_audit");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Action).HasMaxLength(40);
            e.Property(a => a.Outcome).HasMaxLength(20);
            e.Property(a => a.UserName).HasMaxLength(AccountAuditLog.MaxUserNameLength);
            e.Property(a => a.Actor).HasMaxLength(AccountAuditLog.MaxUserNameLength);
            e.Property(a => a.Address).HasMaxLength(64);
            e.Property(a => a.Detail).HasMaxLength(500);
            e.HasIndex(a => a.AccountId);
            e.HasIndex(a => a.OrganisationId);
        });

        builder.Entity<PasswordHistoryEntry>(e =>
        {
            e.ToTable("password_history");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.HasIndex(h => new { h.AccountId, h.SetAt });
        });

        builder.Entity<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().ToTable("data_protection_keys");
    }
}
