using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.Gateway;

/// <summary>
/// Which service answers which public path. Every path of API.md is listed here, once; a path that no
/// prefix claims is answered by the gateway itself (404 problem).
/// </summary>
public static class Backends
{
    public static readonly IReadOnlyDictionary<string, string[]> PathsByService = new Dictionary<string, string[]>
    {
        ["organisations"] = ["organisations"],
        ["members"] = ["members", "transfers", "mobile-members", "service-teams"],
        ["tickets"] = ["tickets", "ticket-categories"],
        ["pairing"] = ["pairings", "household-pairings"],
        ["assessment"] = ["assessments", "assessment-schemes", "surveys"],
    };

    /// <summary>The paths partner keys may reach, by scope family (<see cref="PartnerScopes"/>); the rest are staff-only.</summary>
    public static readonly IReadOnlyDictionary<string, string> PartnerFamilyByPrefix = new Dictionary<string, string>
    {
        ["organisations"] = "organisations",
        ["tickets"] = "tickets",
        ["ticket-categories"] = "tickets",
    };

    public static IEnumerable<string> Services => PathsByService.Keys;
}
