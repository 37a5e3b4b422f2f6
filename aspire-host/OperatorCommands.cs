using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace PartyGrid.AppHost;

/// <summary>
/// A token for the dashboard's commands: client credentials of the operator client at the identity
/// service, so the endpoint checks the operator like any caller and the AppHost holds no signing key.
/// </summary>
public sealed class OperatorToken(EndpointReference identity, string clientId, IResourceBuilder<ParameterResource> secret)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var clientSecret = await secret.Resource.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("The dashboard client's secret has no value.");
        using var response = await Http.PostAsync(
            new Uri(new Uri(identity.Url), "/identity/connect/token"),
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
            }),
            cancellationToken);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenResponse>(cancellationToken);
        return body?.access_token ?? throw new InvalidOperationException("The identity service sent no access token.");
    }

#pragma warning disable IDE1006, SA1300 // the OAuth wire names
    private sealed record TokenResponse(string access_token);
#pragma warning restore IDE1006, SA1300
}

/// <summary>Dashboard commands an operator runs on a service, calling its admin endpoint with the operator client's token.</summary>
public static class OperatorCommands
{
    public static IResourceBuilder<BuiltProject> WithAdminCommand(
        this IResourceBuilder<BuiltProject> service, OperatorToken token,
        string name, string path, string displayName, string description, string icon) =>
        service.WithHttpCommand(path, displayName, commandName: name, commandOptions: new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            Description = description,
            IconName = icon,
            PrepareRequest = async context =>
                context.Request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await token.GetAsync(context.CancellationToken)),
        });
}
