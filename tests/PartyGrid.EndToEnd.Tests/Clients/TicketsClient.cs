using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartyGrid.EndToEnd.Tests.Clients;

/// <summary>The generated client's one customisation, through the hook NSwag leaves for it.</summary>
public partial class TicketsClient
{
    // The API spells enum values in kebab-case (walk-in); the generated members are their PascalCase (WalkIn).
    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) =>
        settings.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
}
