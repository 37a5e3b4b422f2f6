using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Projections;
using PartyGrid.Tickets.Calendar;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Data;

public sealed class TicketsDbContext(DbContextOptions<TicketsDbContext> options) : DbContext(options)
{
    /// <summary>The sequence behind public ticket numbers (<see cref="TicketNumbers"/>).</summary>
    public const string NumberSequence = "ticket_number";

    public DbSet<ProjectedOrganisation> Organisations => Set<ProjectedOrganisation>();

    public DbSet<Ticket> Tickets => Set<Ticket>();

    public DbSet<TicketHandler> Handlers => Set<TicketHandler>();

    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();

    public DbSet<CatalogueRecord> Catalogue => Set<CatalogueRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddMessagingTables();
        modelBuilder.AddOrganisationProjection();
        modelBuilder.AddMemberProjection();
        modelBuilder.AddServiceTeamProjection();
        modelBuilder.AddIdempotencyRecords();
        modelBuilder.HasSequence<long>(NumberSequence);

        modelBuilder.Entity<Ticket>(e =>
        {
            e.ToTable("tickets");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Number).HasMaxLength(20);
            e.HasIndex(t => t.Number).IsUnique();
            e.Property(t => t.Category).HasConversion<WireNameConverter<TicketCategory>>().HasMaxLength(20);
            e.Property(t => t.Channel).HasConversion<WireNameConverter<TicketChannel>>().HasMaxLength(20);
            e.Property(t => t.Priority).HasConversion<WireNameConverter<TicketPriority>>().HasMaxLength(20);
            e.Property(t => t.Status).HasConversion<WireNameConverter<TicketStatus>>().HasMaxLength(20);
            e.Property(t => t.StatusBeforeSuspension).HasConversion<WireNameConverter<TicketStatus>>().HasMaxLength(20);
            e.Property(t => t.IntakeTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.CurrentTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.ResolvedTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.Item).HasMaxLength(60);
            e.Property(t => t.Title).HasMaxLength(200);
            e.Property(t => t.Description).HasMaxLength(4000);
            e.Property(t => t.RequesterName).HasMaxLength(100);
            e.Property(t => t.RequesterAddress).HasMaxLength(300);
            e.Property(t => t.ExternalRef).HasMaxLength(100);
            e.Property(t => t.SubmittedBy).HasMaxLength(200);
            e.Property(t => t.Resolution).HasMaxLength(4000);
            e.Property(t => t.RatingComment).HasMaxLength(1000);
            e.Property(t => t.Attributes).HasColumnType("jsonb").HasConversion(
                v => JsonSerializer.Serialize(v, JsonSerializerOptions.Default),
                v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, JsonSerializerOptions.Default) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>((a, b) => a!.Count == b!.Count && !a.Except(b).Any(), v => v.Count, v => new Dictionary<string, string>(v)));
            e.OwnsOne(t => t.Deadlines, d =>
            {
                d.ToTable("tickets");
                d.Property(x => x.RectificationDays).HasDefaultValue(TicketDeadlines.DefaultRectificationDays);
            });
            e.Property(t => t.FirstResolvedTier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(t => t.Ratings).HasColumnType("jsonb").HasConversion(JsonList<TicketRating>.Converter, JsonList<TicketRating>.Comparer);
            e.Property(t => t.Reopenings).HasColumnType("jsonb").HasConversion(JsonList<TicketReopening>.Converter, JsonList<TicketReopening>.Comparer);
            e.Property(t => t.Version).IsConcurrencyToken();
            e.HasIndex(t => new { t.SubmittedBy, t.ExternalRef }).IsUnique().HasFilter("external_ref IS NOT NULL").HasDatabaseName("ix_tickets_external_ref_per_submitter");
            e.HasIndex(t => new { t.CurrentOrganisationId, t.Status });
            e.HasIndex(t => new { t.IntakeOrganisationId, t.SubmittedAt });
            e.HasIndex(t => t.ResolutionDueAt).HasFilter(Ticket.Open.SqlFilter("status")).HasDatabaseName("ix_tickets_open_resolution_due");
            e.HasIndex(t => t.AutoCloseAt).HasFilter("status = 'resolved'").HasDatabaseName("ix_tickets_resolved_auto_close");
            e.HasMany(t => t.Timeline).WithOne().HasForeignKey(x => x.TicketId);
            e.HasMany(t => t.Handlers).WithOne().HasForeignKey(x => x.TicketId);
            e.Navigation(t => t.Timeline).AutoInclude();
            e.Ignore(t => t.IsOpen);
            e.Ignore(t => t.IssuedRatingLink);
            e.HasIndex(t => t.RatingLinkHash).IsUnique().HasFilter("rating_link_hash IS NOT NULL");
        });

        modelBuilder.Entity<TimelineEntry>(e =>
        {
            e.ToTable("ticket_timeline");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Sequence).UseIdentityAlwaysColumn();
            e.Property(x => x.Action).HasMaxLength(40);
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Note).HasMaxLength(4000);
            e.Property(x => x.FromStatus).HasConversion<WireNameConverter<TicketStatus>>().HasMaxLength(20);
            e.Property(x => x.ToStatus).HasConversion<WireNameConverter<TicketStatus>>().HasMaxLength(20);
            e.HasIndex(x => new { x.TicketId, x.Sequence });
        });

        modelBuilder.Entity<TicketHandler>(e =>
        {
            e.ToTable("ticket_handlers");
            e.HasKey(h => new { h.TicketId, h.OrganisationId });
            e.HasIndex(h => h.OrganisationId);
        });

        modelBuilder.Entity<CalendarDay>(e =>
        {
            e.ToTable("calendar_days");
            e.HasKey(d => d.Date);
            e.Property(d => d.Kind).HasConversion<WireNameConverter<CalendarDayKind>>().HasMaxLength(20);
            e.Property(d => d.Name).HasMaxLength(50);
        });

        modelBuilder.Entity<CatalogueRecord>(e =>
        {
            e.ToTable("catalogue");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Document).HasColumnType("jsonb");
            e.Property(c => c.UpdatedBy).HasMaxLength(200);
            e.Property(c => c.Version).IsConcurrencyToken();
        });
    }
}
