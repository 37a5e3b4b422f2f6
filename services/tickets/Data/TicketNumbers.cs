using System.Collections.Concurrent;

namespace PartyGrid.Tickets.Data;

/// <summary>
/// Public ticket numbers, <c>PG-2026-000123</c>, from one database sequence, so numbers never repeat
/// across years or replicas. An intake takes its number from a block this process reserved in one
/// round trip, not from a round trip of its own; a block left unused when the process stops is a gap,
/// as a rolled-back intake always was, and replicas interleave their blocks.
/// </summary>
public sealed class TicketNumbers
{
    public const int BlockSize = 32;

    private readonly ConcurrentQueue<long> reserved = new();
    private readonly SemaphoreSlim gate = new(1, 1);

    public static string Format(int year, long sequence) => $"PG-{year}-{sequence:D6}";

    public async Task<string> NextAsync(TicketsDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        if (!reserved.TryDequeue(out var sequence))
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (!reserved.TryDequeue(out sequence))
                {
                    var block = await ReserveAsync(db, BlockSize, cancellationToken);
                    sequence = block[0];
                    foreach (var next in block.Skip(1))
                    {
                        reserved.Enqueue(next);
                    }
                }
            }
            finally
            {
                gate.Release();
            }
        }

        return Format(today.Year, sequence);
    }

    /// <summary>Numbers for many tickets in one round trip, each of its own year (an import's registers span years).</summary>
    public static async Task<List<string>> ManyAsync(TicketsDbContext db, IReadOnlyList<int> years, CancellationToken cancellationToken) =>
        [.. years.Zip(await ReserveAsync(db, years.Count, cancellationToken), Format)];

    private static Task<List<long>> ReserveAsync(TicketsDbContext db, int count, CancellationToken cancellationToken) =>
        db.Database.SqlQueryRaw<long>(
            $"SELECT nextval('{TicketsDbContext.NumberSequence}') AS \"Value\" FROM generate_series(1, {{0}})", count).ToListAsync(cancellationToken);
}
