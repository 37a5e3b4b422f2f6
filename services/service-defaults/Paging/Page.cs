using System.Buffers.Text;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.ServiceDefaults.Paging;

/// <summary>One page of a list and the opaque cursor of the next (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging over UUIDv7 ids (time-ordered): the cursor is the last id of the page, so a page is
/// an index range scan however deep the client pages, and rows inserted meanwhile do not shift pages.
/// </summary>
/// <param name="Newest">Newest first (descending ids); the cursor then counts back.</param>
public readonly record struct PageRequest(int Limit, Guid? After, bool Newest = false)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static PageRequest Parse(int? limit, string? cursor, FieldErrors errors)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"must be between 1 and {MaxLimit}");
        }

        Guid? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            Span<byte> bytes = stackalloc byte[16];
            if (IsCursor(cursor, bytes))
            {
                after = new Guid(bytes, bigEndian: true);
            }
            else
            {
                errors.Add("cursor", "is not a cursor this list gave out");
            }
        }

        return new PageRequest(size, after);
    }

    private static bool IsCursor(string text, Span<byte> bytes)
    {
        try
        {
            return Base64Url.TryDecodeFromChars(text, bytes, out var written) && written == 16;
        }
        catch (FormatException)
        {
            // Characters outside base64url (a NUL, say) throw rather than fail.
            return false;
        }
    }

    /// <summary>Builds the page from up to <see cref="Limit"/> + 1 rows read in id order.</summary>
    public Page<TOut> ToPage<TIn, TOut>(IReadOnlyList<TIn> rows, Func<TIn, Guid> id, Func<TIn, TOut> map)
    {
        var hasMore = rows.Count > Limit;
        var items = rows.Take(Limit).Select(map).ToList();
        string? next = null;
        if (hasMore)
        {
            Span<byte> bytes = stackalloc byte[16];
            id(rows[Limit - 1]).TryWriteBytes(bytes, bigEndian: true, out _);
            next = Base64Url.EncodeToString(bytes);
        }

        return new Page<TOut>(items, next);
    }
}
