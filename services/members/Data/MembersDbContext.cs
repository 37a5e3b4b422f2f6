using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;

namespace PartyGrid.Members.Data;

public sealed class MembersDbContext(DbContextOptions<MembersDbContext> options) : DbContext(options)
{
    private static readonly string OpenTransferFilter = Transfer.Open.SqlFilter("status");

    public DbSet<ProjectedOrganisation> Organisations => Set<ProjectedOrganisation>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<Transfer> Transfers => Set<Transfer>();

    public DbSet<MemberFlow> Flows => Set<MemberFlow>();

    public DbSet<ServiceTeam> ServiceTeams => Set<ServiceTeam>();

    public DbSet<PersonalDataAccess> PersonalDataAccesses => Set<PersonalDataAccess>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.AddOrganisationProjection();

        modelBuilder.Entity<Member>(e =>
        {
            e.ToTable("members");
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Name).HasMaxLength(100);
            e.Property(m => m.Ethnicity).HasMaxLength(20);
            e.Property(m => m.Gender).HasConversion<WireNameConverter<Gender>>().HasMaxLength(10);
            e.Property(m => m.Education).HasConversion<WireNameConverter<Education>>().HasMaxLength(30);
            e.Property(m => m.Status).HasConversion<WireNameConverter<MemberStatus>>().HasMaxLength(20);
            e.Property(m => m.Flow).HasConversion<WireNameConverter<MemberFlowStatus>>().HasMaxLength(20);
            e.Property(m => m.LeftReason).HasMaxLength(500);
            e.Property(m => m.SupportReason).HasMaxLength(500);
            e.Property(m => m.Skills).HasColumnType("text[]");
            e.Property(m => m.Version).IsConcurrencyToken();
            e.HasIndex(m => m.IdNumberLookup).IsUnique();
            e.HasIndex(m => m.PhoneLookup);
            e.HasIndex(m => new { m.OrganisationId, m.Id });
            e.Ignore(m => m.IsActive);
        });

        modelBuilder.Entity<Transfer>(e =>
        {
            e.ToTable("transfers");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Reason).HasMaxLength(500);
            e.Property(t => t.ClosingNote).HasMaxLength(500);
            e.Property(t => t.RequestedBy).HasMaxLength(200);
            e.Property(t => t.Status).HasConversion<WireNameConverter<TransferStatus>>().HasMaxLength(20);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => t.MemberId).IsUnique().HasFilter(OpenTransferFilter).HasDatabaseName("ix_transfers_one_open_per_member");
            e.HasIndex(t => t.FromOrganisationId);
            e.HasIndex(t => t.ToOrganisationId);
            e.HasIndex(t => t.AwaitingOrganisationId);
            e.HasIndex(t => t.ValidUntil).HasFilter(OpenTransferFilter).HasDatabaseName("ix_transfers_open_valid_until");
            e.Ignore(t => t.IsOpen);
            e.Ignore(t => t.CurrentStep);
            e.OwnsMany(t => t.Steps, s =>
            {
                s.ToTable("transfer_steps");
                s.WithOwner().HasForeignKey("TransferId");
                s.HasKey("TransferId", nameof(TransferStep.Ordinal));
                s.Property(x => x.Ordinal).ValueGeneratedNever();
                s.Property(x => x.Kind).HasConversion<WireNameConverter<TransferStepKind>>().HasMaxLength(20);
                s.Property(x => x.Decision).HasConversion<WireNameConverter<StepDecision>>().HasMaxLength(20);
                s.Property(x => x.DecidedBy).HasMaxLength(200);
                s.Property(x => x.Comment).HasMaxLength(500);
            });
            e.Navigation(t => t.Steps).AutoInclude();
        });

        modelBuilder.Entity<MemberFlow>(e =>
        {
            e.ToTable("member_flows");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).ValueGeneratedNever();
            e.Property(f => f.DestinationPlace).HasMaxLength(200);
            e.Property(f => f.Reason).HasMaxLength(500);
            e.Property(f => f.CardNumber).HasMaxLength(40);
            e.Property(f => f.Status).HasConversion<WireNameConverter<MemberFlowStatus>>().HasMaxLength(20);
            e.Property(f => f.Version).IsConcurrencyToken();
            e.HasIndex(f => f.MemberId).IsUnique().HasFilter("status IN ('flowing-out', 'flowing-in')").HasDatabaseName("ix_member_flows_one_active_per_member");
            e.HasIndex(f => f.HomeOrganisationId);
            e.HasIndex(f => f.DestinationOrganisationId);
            e.Ignore(f => f.IsActive);
        });

        modelBuilder.Entity<ServiceTeam>(e =>
        {
            e.ToTable("service_teams");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Name).HasMaxLength(100);
            e.Property(t => t.Description).HasMaxLength(1000);
            e.Property(t => t.Skills).HasColumnType("text[]");
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => t.OrganisationId);
            e.HasMany(t => t.Members).WithOne().HasForeignKey(m => m.TeamId);
            e.Navigation(t => t.Members).AutoInclude();
        });

        modelBuilder.Entity<ServiceTeamMembership>(e =>
        {
            e.ToTable("service_team_members");
            e.HasKey(m => new { m.TeamId, m.MemberId });
            e.HasIndex(m => m.MemberId);
        });

        modelBuilder.Entity<PersonalDataAccess>(e =>
        {
            e.ToTable("personal_data_access");
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.ReaderSubject).HasMaxLength(200);
            e.Property(a => a.ReaderName).HasMaxLength(200);
            e.Property(a => a.Reason).HasMaxLength(500);
            e.Property(a => a.TraceId).HasMaxLength(64);
            e.Property(a => a.Use).HasConversion<WireNameConverter<PersonalDataUse>>().HasMaxLength(20);
            e.HasIndex(a => new { a.MemberId, a.Id });
            e.HasIndex(a => a.MatchedMemberIds).HasMethod("gin");
            e.HasIndex(a => new { a.ReaderSubject, a.Use, a.AccessedAt });
        });
    }
}
