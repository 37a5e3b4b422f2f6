using Microsoft.AspNetCore.Mvc;

namespace PartyGrid.Tickets.Api;

/// <summary>
/// The queue's filter as the client sends it, shared by the list and its Excel export so that both
/// answer exactly the same tickets.
/// </summary>
/// <param name="OrgId">The organisation whose tickets are listed (default: the caller's own).</param>
/// <param name="Subtree">Also the tickets of every organisation below it.</param>
/// <param name="From">First Shanghai day taken in (inclusive).</param>
/// <param name="To">Last Shanghai day taken in (exclusive).</param>
public sealed record TicketFilter(
    [FromQuery(Name = "orgId")] Guid? OrgId,
    [FromQuery(Name = "subtree")] bool? Subtree,
    [FromQuery(Name = "status")] string? Status,
    [FromQuery(Name = "category")] string? Category,
    [FromQuery(Name = "overdue")] bool? Overdue,
    [FromQuery(Name = "warned")] bool? Warned,
    [FromQuery(Name = "supervised")] bool? Supervised,
    [FromQuery(Name = "from")] DateOnly? From,
    [FromQuery(Name = "to")] DateOnly? To)
{
    /// <summary>The filter checked, errors named by field; null when it has any.</summary>
    public TicketSelection? Read(FieldErrors errors)
    {
        var status = errors.Enum<TicketStatus>("status", Status, required: false);
        var category = errors.Enum<TicketCategory>("category", Category, required: false);
        var days = From is null && To is null ? null : StatsPeriod.Read(From ?? StatsPeriod.Earliest, To ?? StatsPeriod.Latest, default, errors, bounded: false);
        return errors.Any ? null : new TicketSelection(this, status, category, days);
    }
}

/// <summary>A checked <see cref="TicketFilter"/>, applied to the tickets the caller may list.</summary>
public sealed record TicketSelection(TicketFilter Filter, TicketStatus? Status, TicketCategory? Category, StatsPeriod? Days)
{
    /// <summary>The matching tickets, or null when the organisation is unknown or outside the caller's scope.</summary>
    public async Task<IQueryable<Ticket>?> RowsAsync(Caller caller, TicketAccess access, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await access.ListedAsync(caller, Filter.OrgId, Filter.Subtree == true, cancellationToken) is not { } rows)
        {
            return null;
        }

        if (Status is { } s)
        {
            rows = rows.Where(t => t.Status == s);
        }

        if (Category is { } c)
        {
            rows = rows.Where(t => t.Category == c);
        }

        if (Filter.Overdue is { } late)
        {
            rows = rows.Where(Ticket.Overdue.At(now, late));
        }

        if (Filter.Warned is { } w)
        {
            rows = rows.Where(t => t.Warned == w);
        }

        if (Filter.Supervised is { } v)
        {
            rows = rows.Where(t => t.Supervised == v);
        }

        if (Days is { } days)
        {
            rows = rows.Where(t => t.SubmittedAt >= days.StartAt && t.SubmittedAt < days.EndAt);
        }

        return rows;
    }
}
