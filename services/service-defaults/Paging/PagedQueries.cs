using Microsoft.EntityFrameworkCore;

namespace PartyGrid.ServiceDefaults.Paging;

/// <summary>Rows listed with keyset paging: their id is a UUIDv7, so id order is creation order.</summary>
public interface IHasId
{
    Guid Id { get; }
}

public static class PagedQueries
{
    /// <summary>Reads the page after the request's cursor, in id order.</summary>
    public static async Task<Page<TOut>> ToPageAsync<T, TOut>(
        this IQueryable<T> rows, PageRequest page, Func<T, TOut> map, CancellationToken cancellationToken)
        where T : class, IHasId
    {
        var found = await rows.PageRows(page).ToListAsync(cancellationToken);
        return page.ToPage(found, r => r.Id, map);
    }

    /// <summary>The rows of the page (one more than the limit, to tell whether another page follows).</summary>
    public static IQueryable<T> PageRows<T>(this IQueryable<T> rows, PageRequest page)
        where T : class, IHasId => page.Newest ? rows.Before(page.After, page.Limit + 1) : rows.After(page.After, page.Limit + 1);

    /// <summary>At most <paramref name="count"/> rows after <paramref name="after"/> (null: from the start), in id order.</summary>
    public static IQueryable<T> After<T>(this IQueryable<T> rows, Guid? after, int count)
        where T : class, IHasId
    {
        if (after is { } key)
        {
            rows = rows.Where(r => r.Id.CompareTo(key) > 0);
        }

        return rows.OrderBy(r => r.Id).Take(count);
    }

    /// <summary>At most <paramref name="count"/> rows before <paramref name="before"/> (null: from the newest), newest first.</summary>
    public static IQueryable<T> Before<T>(this IQueryable<T> rows, Guid? before, int count)
        where T : class, IHasId
    {
        if (before is { } key)
        {
            rows = rows.Where(r => r.Id.CompareTo(key) < 0);
        }

        return rows.OrderByDescending(r => r.Id).Take(count);
    }
}
