namespace PartyGrid.Testing;

/// <summary>
/// Makes valid citizen identity numbers for test people. The check digit is computed here on its
/// own, from the standard's table, so that tests check the service's validator against an
/// independent oracle rather than against itself.
/// </summary>
public static class IdNumbers
{
    public static string For(DateOnly birthDate, bool male, int serial = 1, string region = "520321")
    {
        // Sequence digits: the last one is odd for men, even for women.
        var sequence = (serial % 50) * 2 + (male ? 1 : 0);
        var body = $"{region}{birthDate:yyyyMMdd}{sequence:D3}";
        var sum = body.Select((c, i) => (c - '0') * (int)(Math.Pow(2, 17 - i) % 11)).Sum();
        return body + "10X98765432"[sum % 11];
    }
}
