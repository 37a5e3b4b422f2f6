using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace PartyGrid.Organisations.Api;

/// <summary>
/// Where a page of a subtree ends: the depth and code of its last organisation. Subtrees are listed
/// parents first (by depth, then code), an order ids do not give, so the cursor carries the sort key.
/// </summary>
public readonly record struct SubtreeCursor(int Level, string Code)
{
    public static readonly SubtreeCursor Start = new(0, string.Empty);

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Level.ToString(CultureInfo.InvariantCulture)}:{Code}"));

    public static bool TryDecode(string? text, out SubtreeCursor cursor)
    {
        cursor = Start;
        if (text is null)
        {
            return true;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && int.TryParse(decoded.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 64)
            {
                cursor = new SubtreeCursor(level, decoded[(colon + 1)..]);
                return !cursor.Code.Contains('\0', StringComparison.Ordinal);
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
