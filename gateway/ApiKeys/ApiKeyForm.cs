using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Gateway.ApiKeys;

/// <summary>
/// A new API key as the form reads it: a name, the organisation whose subtree it acts in, one or more
/// known scopes and an optional quota; each error under its field's name. Only a form without errors
/// is returned.
/// </summary>
public sealed record ApiKeyForm(string Name, Guid OrgId, string[] Scopes, int? RequestsPerMinute)
{
    public static ApiKeyForm? Read(CreateApiKeyRequest request, FieldErrors errors)
    {
        var name = errors.Required("name", request.Name, 200);
        var orgId = errors.Required("orgId", request.OrgId);
        var scopes = (request.Scopes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length == 0)
        {
            errors.Add("scopes", $"must name at least one of {string.Join(", ", PartnerScopes.All)}");
        }

        foreach (var unknown in scopes.Where(s => !PartnerScopes.All.Contains(s)))
        {
            errors.Add("scopes", $"'{unknown}' is not a scope; scopes are {string.Join(", ", PartnerScopes.All)}");
        }

        if (request.RequestsPerMinute is < 1 or > ApiKeysApi.MaxRequestsPerMinute)
        {
            errors.Add("requestsPerMinute", $"must be between 1 and {ApiKeysApi.MaxRequestsPerMinute}");
        }

        return errors.Any ? null : new ApiKeyForm(name!, orgId!.Value, scopes, request.RequestsPerMinute);
    }

    /// <summary>The key to store (its secret only as a hash) and the secret, shown once.</summary>
    public (ApiKey Key, string Secret) Issue(string issuedBy, DateTimeOffset now)
    {
        var (secret, hash, hint) = ApiKeySecret.Create();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(now),
            Name = Name,
            OrganisationId = OrgId,
            Scopes = Scopes,
            Hint = hint,
            SecretHash = hash,
            RequestsPerMinute = RequestsPerMinute,
            CreatedAt = now,
            CreatedBy = issuedBy,
        };
        return (key, secret);
    }
}
