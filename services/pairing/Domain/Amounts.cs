namespace PartyGrid.Pairing.Domain;

/// <summary>
/// Amounts of pairing work (a commitment's target, an activity's funds and amount) are stored as
/// numeric(14,2): at most two decimals and, for one figure, at most ten billion, so that a
/// commitment's running total stays within the column however many activities count towards it.
/// </summary>
public static class Amounts
{
    public const decimal Max = 10_000_000_000m;

    /// <summary>A commitment's total achieved may not pass this (the column holds up to 10¹² − 0.01).</summary>
    public const decimal MaxTotal = 999_999_999_999.99m;

    public static void Check(FieldErrors errors, string field, decimal? value, bool zeroAllowed)
    {
        if (value is not { } amount)
        {
            return;
        }

        if (amount < 0 || (amount == 0 && !zeroAllowed) || amount > Max)
        {
            errors.Add(field, $"must be {(zeroAllowed ? "0" : "more than 0")} to {Max:N0}");
        }
        else if (decimal.Round(amount, 2) != amount)
        {
            errors.Add(field, "may have at most two decimals");
        }
    }
}
