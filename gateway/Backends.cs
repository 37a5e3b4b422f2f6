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
        ["identity"] = ["staff", "signing-keys"],
        ["notifications"] = ["webhooks"],
    };

    /// <summary>
    /// What the browser and sign-in clients reach without a token: the identity service's discovery
    /// document and keys, its sign-in pages and OpenID Connect endpoints (under <c>/identity/</c>), and
    /// <c>/dev/token</c>, which the identity service answers only where development tokens are enabled;
    /// and Open311, whose discovery and services are public as the spec has them and whose requests
    /// carry the partner's key as <c>api_key</c> (moved into the key header at the edge): the tickets
    /// service answers a missing or bad key with the spec's 403; and the residents' rating pages
    /// (<c>/rate/{token}</c>), whose single-use token is the only credential.
    /// </summary>
    public static readonly IReadOnlyList<(string Service, string Path)> AnonymousPaths =
    [
        ("identity", "/.well-known/openid-configuration"),
        ("identity", "/.well-known/jwks"),
        ("identity", "/identity/{**rest}"),
        ("identity", "/dev/token"),
        ("tickets", "/open311/v2/{**rest}"),
        ("tickets", "/rate/{**rest}"),
    ];

    /// <summary>The paths partner keys may reach, by scope family (<see cref="PartnerScopes"/>); the rest are staff-only.</summary>
    public static readonly IReadOnlyDictionary<string, string> PartnerFamilyByPrefix = new Dictionary<string, string>
    {
        ["organisations"] = "organisations",
        ["tickets"] = "tickets",
        ["ticket-categories"] = "tickets",
        ["webhooks"] = "tickets",
    };

    public static IEnumerable<string> Services => PathsByService.Keys;
}
