using System.Globalization;

namespace PartyGrid.DemoData;

/// <summary>
/// The demo's Party members: a few per organisation, with identity numbers that are valid under
/// GB 11643 (region 520321, birth date, sequence, MOD 11-2 check) and consistent with the gender and
/// birth date given, and phone numbers that are plausible but made up.
/// </summary>
public static class DemoMembers
{
    private static readonly string[] Skills = ["农技", "法律", "医疗", "电工", "驾驶", "文艺", "电商", "养殖"];

    public static object Body(Guid orgId, string code, int organisationIndex, int n)
    {
        var seed = organisationIndex * 7 + n;
        var male = seed % 3 != 0;
        var birth = new DateOnly(1950 + seed * 7 % 50, 1 + seed % 12, 1 + seed * 3 % 28);
        var joined = new DateOnly(Math.Max(birth.Year + 20, 1975) + seed % 20, 7, 1);
        return new
        {
            orgId,
            name = DemoMatters.Person(seed),
            gender = male ? "male" : "female",
            birthDate = birth,
            idNumber = IdNumber(birth, male, seed),
            phone = $"139{85 + seed % 10:D2}{seed * 7919 % 1_000_000:D6}",
            joinedOn = joined > new DateOnly(2025, 7, 1) ? new DateOnly(2025, 7, 1) : joined,
            status = n == 3 ? "probationary" : "full",
            skills = new[] { Skills[seed % Skills.Length], Skills[(seed + 3) % Skills.Length] },
        };
    }

    public static string IdempotencyKey(string code, int n) => $"demo-member-{code}-{n}";

    private static string IdNumber(DateOnly birth, bool male, int seed)
    {
        var sequence = seed % 400 * 2 + (male ? 1 : 0) + 100;
        var first17 = $"{ZunyiCounty.Code}{birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}{sequence % 1000:D3}";
        if ((first17[16] - '0') % 2 != (male ? 1 : 0))
        {
            first17 = first17[..16] + (char)(first17[16] ^ 1);
        }

        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
