using System.Text.RegularExpressions;

namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>A mainland mobile (11 digits, 1[3-9]…) or a landline with area code (0851-12345678), stored without separators.</summary>
public static partial class PhoneFormat
{
    public static bool TryNormalise(string? text, out string normalised)
    {
        normalised = FullWidth.Fold(text ?? string.Empty).Trim().Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        return Mobile().IsMatch(normalised) || Landline().IsMatch(normalised);
    }

    // [0-9], not \d: \d also matches the digits of other scripts, which would be stored as another number.
    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"^0[0-9]{2,3}[0-9]{7,8}$")]
    private static partial Regex Landline();
}
