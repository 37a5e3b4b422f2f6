using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Members.Domain;

/// <summary>
/// The 18-character citizen identity number of GB 11643-1999: a 6-digit region code, the birth date
/// (yyyyMMdd), a 3-digit sequence that is odd for men and even for women, and a check character
/// computed with ISO 7064 MOD 11-2 (X stands for 10). A lowercase x is accepted and stored as X.
/// </summary>
public readonly record struct IdentityNumber(string Value, DateOnly BirthDate, Gender Gender)
{
    public const int Length = 18;

    /// <summary>
    /// What a number with a wrong check digit gets — and equally a number already recorded for a member
    /// the caller cannot see, so registration does not confirm who is a member elsewhere.
    /// </summary>
    public const string Unusable = "is not a valid identity number: check it against the ID card";

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Parses a number, or says in plain words why it is not one.</summary>
    public static bool TryParse(string? text, out IdentityNumber number, out string problem)
    {
        number = default;
        var value = FullWidth.Fold(text ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length != Length)
        {
            problem = $"must be {Length} characters";
            return false;
        }

        if (value.AsSpan(0, Length - 1).ContainsAnyExceptInRange('0', '9') || !(char.IsAsciiDigit(value[^1]) || value[^1] == 'X') || value[0] == '0')
        {
            problem = "must be 17 digits followed by a digit or X";
            return false;
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", out var birthDate))
        {
            problem = "does not contain a valid birth date";
            return false;
        }

        if (value[^1] != CheckCharacter(value.AsSpan(0, Length - 1)))
        {
            problem = Unusable;
            return false;
        }

        var gender = (value[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        number = new IdentityNumber(value, birthDate, gender);
        problem = string.Empty;
        return true;
    }

    /// <summary>The check character for the first 17 digits.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < Weights.Length; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }
}
