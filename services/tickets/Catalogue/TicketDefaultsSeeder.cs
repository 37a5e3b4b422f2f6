using System.Text.Json;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.Tickets.Calendar;

namespace PartyGrid.Tickets.Catalogue;

/// <summary>
/// Puts the default catalogue and the shipped holiday schedule in place at start-up (after the
/// migrations), without touching what an admin has already edited.
/// </summary>
public sealed class TicketDefaultsSeeder(IServiceScopeFactory scopes, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TicketsDbContext>();
        var document = JsonSerializer.Serialize(DefaultCatalogue.Create(), EventJson.Options);
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO catalogue (id, version, document, updated_at, updated_by) VALUES ({CatalogueRecord.SingleId}, 1, {document}::jsonb, {time.GetUtcNow()}, 'defaults') ON CONFLICT (id) DO NOTHING",
            cancellationToken);
        foreach (var day in NationalHolidays.Of2026())
        {
            var kind = PartyGrid.Contracts.WireName.Of(day.Kind);
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO calendar_days (date, kind, name) VALUES ({day.Date}, {kind}, {day.Name}) ON CONFLICT (date) DO NOTHING",
                cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
