namespace PartyGrid.ServiceDefaults.PersonalData;

/// <summary>How personal values appear in every response: <c>5203**********1234</c>, <c>138****5678</c>.</summary>
public static class PersonalDataMask
{
    public static string IdNumber(string value) => Mask(value, keepStart: 4, keepEnd: 4);

    public static string Phone(string value) => Mask(value, keepStart: 3, keepEnd: 4);

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
