using System.Text.Json;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Tickets.Calendar;

namespace PartyGrid.Tickets.Catalogue;

/// <summary>
/// The catalogue and the working calendar, read from the database and kept for a short while: every
/// intake needs both, and they change rarely (an edit here is seen at once, other replicas within
/// <see cref="Freshness"/>).
/// </summary>
public sealed class TicketReferenceData(IServiceScopeFactory scopes, TimeProvider time)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim gate = new(1, 1);
    private Snapshot? current;

    public async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (current is { } fresh && now - fresh.ReadAt < Freshness)
        {
            return fresh;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (current is { } again && now - again.ReadAt < Freshness)
            {
                return again;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TicketsDbContext>();
            var record = await db.Catalogue.AsNoTracking().SingleAsync(cancellationToken);
            var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
            current = new Snapshot(
                JsonSerializer.Deserialize<ServiceCatalogue>(record.Document, EventJson.Options)!,
                record.Version,
                WorkingCalendar.Of(days),
                now);
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate() => current = null;

    public sealed record Snapshot(ServiceCatalogue Catalogue, long CatalogueVersion, WorkingCalendar Calendar, DateTimeOffset ReadAt);
}
