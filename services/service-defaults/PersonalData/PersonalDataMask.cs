namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>
/// How personal values appear to those without a working need: <c>5203**********1234</c>,
/// <c>138****5678</c>, <c>王*</c>, and an address down to its village (<c>…平安村**</c>).
/// </summary>
public static class PersonalDataMask
{
    // What is shown of an address: down to the village or community, else the most local unit named.
    private static readonly string[][] AddressLevels =
    [
        ["村民委员会", "居民委员会", "村委会", "居委会", "社区", "村"],
        ["街道", "镇", "乡"],
        ["县", "区", "市", "州", "盟", "旗"],
        ["省", "自治区"],
    ];

    public static string IdNumber(string value) => Mask(value, keepStart: 4, keepEnd: 4);

    public static string Phone(string value) => Mask(value, keepStart: 3, keepEnd: 4);

    /// <summary>The surname's first character, then one star per remaining character.</summary>
    public static string Name(string value) => value.Length switch
    {
        0 => value,
        1 => "*",
        _ => string.Concat(char.IsHighSurrogate(value[0]) ? value[..2] : value[..1], new string('*', Math.Max(1, value.Length - (char.IsHighSurrogate(value[0]) ? 2 : 1)))),
    };

    /// <summary>The address down to its village (or the most local unit it names); the rest as two stars, whatever its length.</summary>
    public static string Address(string value)
    {
        foreach (var level in AddressLevels)
        {
            var end = -1;
            foreach (var marker in level)
            {
                var at = value.LastIndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    end = Math.Max(end, at + marker.Length);
                }
            }

            if (end > 0)
            {
                return end >= value.Length ? value : string.Concat(value.AsSpan(0, end), "**");
            }
        }

        return "**";
    }

    private static string Mask(string value, int keepStart, int keepEnd)
    {
        if (value.Length <= keepStart + keepEnd)
        {
            return new string('*', value.Length);
        }

        return string.Create(value.Length, value, (span, source) =>
        {
            source.AsSpan().CopyTo(span);
            span[keepStart..^keepEnd].Fill('*');
        });
    }
}
