namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>Collects validation errors per JSON field name for a 400 problem.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public FieldErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public string? Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required");
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
            return null;
        }

        return trimmed;
    }

    /// <summary>A typed field (id, date, enum, number): the binder has already refused one of the wrong type.</summary>
    public T? Required<T>(string field, T? value, bool when = true)
        where T : struct
    {
        if (value is null && when)
        {
            Add(field, "is required");
        }

        return value;
    }

    /// <summary>A query value or imported cell naming an enum value in its wire spelling.</summary>
    public TEnum? Enum<TEnum>(string field, string? value, bool required = true)
        where TEnum : struct, System.Enum
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (Contracts.WireName.TryParse<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        Add(field, $"must be one of: {string.Join(", ", Contracts.WireName.All<TEnum>())}");
        return null;
    }

    public IDictionary<string, string[]> ToDictionary() =>
        errors.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
}
