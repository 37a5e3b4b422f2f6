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

    /// <summary>An id field: null when absent (and not <paramref name="required"/>), an error when not a UUID.</summary>
    /// <summary>A typed id: the binder has already refused one that is not a uuid (400 naming the field).</summary>
    public Guid? Id(string field, Guid? value, bool required = false)
    {
        if (value is null && required)
        {
            Add(field, "is required");
        }

        return value;
    }

    public Guid? Id(string field, string? value, bool required = false)
    {
        if (value is null)
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        Add(field, "must be an id");
        return null;
    }

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
