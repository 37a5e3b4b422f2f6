namespace PartyGrid.Testing;

/// <summary>
/// Every route of API.md (the public contract), as method and path under the gateway, with
/// <c>{id}</c> where an id goes. Tests check the gateway and the OpenAPI documents against it.
/// </summary>
public static class PublicApi
{
    public sealed record Route(string Method, string Path)
    {
        /// <summary>The path with every placeholder filled by a well-formed id, as a client would call it.</summary>
        public string Concrete => Path
            .Replace("{period}", "2026-11", StringComparison.Ordinal)
            .Replace("{id}", "0196a2a0-0000-7000-8000-000000000001", StringComparison.Ordinal)
            .Replace("{orgId}", "0196a2a0-0000-7000-8000-000000000001", StringComparison.Ordinal);

        public override string ToString() => $"{Method} {Path}";
    }

    /// <summary>Which OpenAPI document each public path belongs to, by its first segment.</summary>
    public static string DocumentFor(Route route) => route.Path.Split('/')[3] switch
    {
        "organisations" => "organisations",
        "members" or "transfers" or "mobile-members" or "service-teams" => "members",
        "tickets" or "ticket-categories" => "tickets",
        "pairings" or "household-pairings" => "pairing",
        "assessments" or "assessment-schemes" or "surveys" => "assessment",
        "api-keys" => "gateway",
        "staff" or "signing-keys" => "identity",
        var other => throw new ArgumentException($"No document holds /{other}."),
    };

    public static readonly IReadOnlyList<Route> Routes =
    [
        new("POST", "/api/v1/api-keys"),
        new("GET", "/api/v1/api-keys"),
        new("GET", "/api/v1/api-keys/{id}"),
        new("DELETE", "/api/v1/api-keys/{id}"),

        new("POST", "/api/v1/organisations"),
        new("GET", "/api/v1/organisations/{id}"),
        new("GET", "/api/v1/organisations"),
        new("GET", "/api/v1/organisations/{id}/children"),
        new("GET", "/api/v1/organisations/{id}/subtree"),
        new("GET", "/api/v1/organisations/{id}/ancestors"),
        new("PATCH", "/api/v1/organisations/{id}"),
        new("POST", "/api/v1/organisations/{id}/move"),
        new("POST", "/api/v1/organisations/{id}/dissolve"),
        new("PUT", "/api/v1/organisations/{id}/service-site"),
        new("GET", "/api/v1/organisations/{id}/coverage"),
        new("POST", "/api/v1/organisations/{id}/terms"),
        new("POST", "/api/v1/organisations/import"),

        new("POST", "/api/v1/members"),
        new("GET", "/api/v1/members/{id}"),
        new("GET", "/api/v1/members"),
        new("GET", "/api/v1/members/{id}/personal-data"),
        new("POST", "/api/v1/members/{id}/full-membership"),
        new("POST", "/api/v1/transfers"),
        new("POST", "/api/v1/transfers/{id}/approve"),
        new("POST", "/api/v1/transfers/{id}/reject"),
        new("POST", "/api/v1/transfers/{id}/receive"),
        new("POST", "/api/v1/transfers/{id}/cancel"),
        new("GET", "/api/v1/transfers"),
        new("POST", "/api/v1/members/{id}/flow-out"),
        new("POST", "/api/v1/members/{id}/flow-in"),
        new("POST", "/api/v1/members/{id}/return"),
        new("GET", "/api/v1/mobile-members"),
        new("POST", "/api/v1/service-teams"),
        new("POST", "/api/v1/service-teams/{id}/members"),

        new("GET", "/api/v1/ticket-categories"),
        new("PUT", "/api/v1/ticket-categories"),
        new("POST", "/api/v1/tickets"),
        new("GET", "/api/v1/tickets/{id}"),
        new("GET", "/api/v1/tickets"),
        new("POST", "/api/v1/tickets/{id}/accept"),
        new("POST", "/api/v1/tickets/{id}/assign"),
        new("POST", "/api/v1/tickets/{id}/escalate"),
        new("POST", "/api/v1/tickets/{id}/suspend"),
        new("POST", "/api/v1/tickets/{id}/resume"),
        new("POST", "/api/v1/tickets/{id}/resolve"),
        new("POST", "/api/v1/tickets/{id}/rate"),
        new("POST", "/api/v1/tickets/{id}/reopen"),
        new("POST", "/api/v1/tickets/{id}/close"),
        new("POST", "/api/v1/tickets/{id}/cancel"),
        new("POST", "/api/v1/tickets/{id}/comments"),
        new("GET", "/api/v1/tickets/stats"),

        new("POST", "/api/v1/pairings"),
        new("GET", "/api/v1/pairings"),
        new("GET", "/api/v1/pairings/{id}"),
        new("POST", "/api/v1/pairings/{id}/activate"),
        new("POST", "/api/v1/pairings/{id}/end"),
        new("POST", "/api/v1/pairings/{id}/activities"),
        new("GET", "/api/v1/pairings/{id}/progress"),
        new("POST", "/api/v1/household-pairings"),
        new("POST", "/api/v1/household-pairings/{id}/visits"),

        new("GET", "/api/v1/assessments/{orgId}"),
        new("GET", "/api/v1/assessments/{orgId}/league"),
        new("GET", "/api/v1/assessment-schemes/current"),
        new("PUT", "/api/v1/assessment-schemes/current"),
        new("POST", "/api/v1/assessments/periods/{period}/close"),
        new("POST", "/api/v1/surveys"),

        new("GET", "/api/v1/staff"),
        new("GET", "/api/v1/staff/{id}"),
        new("POST", "/api/v1/staff"),
        new("PUT", "/api/v1/staff/{id}/roles"),
        new("POST", "/api/v1/staff/{id}/disable"),
        new("POST", "/api/v1/staff/{id}/enable"),
        new("POST", "/api/v1/staff/{id}/reset-password"),
        new("POST", "/api/v1/staff/{id}/reset-second-factor"),
        new("GET", "/api/v1/staff/audit"),
        new("GET", "/api/v1/signing-keys"),
        new("POST", "/api/v1/signing-keys/rotate"),
    ];
}
