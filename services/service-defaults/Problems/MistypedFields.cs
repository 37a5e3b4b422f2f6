using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>
/// Every field of a JSON body whose value does not fit its declared type, named by its path
/// (<c>commitments[1].kind</c>). System.Text.Json stops at the first such field; a caller fixing
/// a form should hear of all of them in one answer.
/// </summary>
public static class MistypedFields
{
    /// <summary>The errors per field, or none when the body fits the type (the binder failed for another reason).</summary>
    public static IDictionary<string, string[]> Of(JsonElement body, Type type, JsonSerializerOptions options)
    {
        var errors = new FieldErrors();
        Walk(body, options.GetTypeInfo(type), string.Empty, options, errors);
        return errors.ToDictionary();
    }

    private static void Walk(JsonElement element, JsonTypeInfo info, string path, JsonSerializerOptions options, FieldErrors errors)
    {
        if (info.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var field in element.EnumerateObject())
            {
                if (info.Properties.FirstOrDefault(p => string.Equals(p.Name, field.Name, comparison)) is { } property)
                {
                    Walk(field.Value, options.GetTypeInfo(property.PropertyType), Join(path, property.Name), options, errors);
                }
            }

            return;
        }

        if (info.Kind == JsonTypeInfoKind.Enumerable && element.ValueKind == JsonValueKind.Array && info.ElementType is { } itemType)
        {
            var itemInfo = options.GetTypeInfo(itemType);
            var i = 0;
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, itemInfo, $"{path}[{i++}]", options, errors);
            }

            return;
        }

        if (!Fits(element, info))
        {
            errors.Add(path.Length == 0 ? "body" : path, Expected(info.Type));
        }
    }

    private static bool Fits(JsonElement element, JsonTypeInfo info)
    {
        try
        {
            element.Deserialize(info);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or OverflowException)
        {
            return false;
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>What the field should have held, in the words of the API document.</summary>
    public static string Expected(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            return $"must be one of: {string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName))}";
        }

        return type switch
        {
            _ when type == typeof(Guid) => "must be a uuid",
            _ when type == typeof(DateOnly) => "must be a date (yyyy-mm-dd)",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "must be a date and time with its offset (ISO 8601)",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "must be a whole number in range",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "must be a number",
            _ when type == typeof(bool) => "must be true or false",
            _ when type == typeof(string) => "must be a string",
            _ when type.IsArray || (type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable))) => "must be a list",
            _ => "must be an object",
        };
    }
}
