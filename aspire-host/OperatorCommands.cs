using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Identity;

namespace PartyGrid.AppHost;

/// <summary>
/// Dashboard commands an operator runs on a service: they call the service's admin endpoint with a
/// short-lived admin token signed with the run's key, so the endpoint checks the operator like any caller.
/// </summary>
public static class OperatorCommands
{
    public static IResourceBuilder<ProjectResource> WithAdminCommand(
        this IResourceBuilder<ProjectResource> service, IResourceBuilder<ParameterResource> signingKey,
        string name, string path, string displayName, string description, string icon) =>
        service.WithHttpCommand(path, displayName, commandName: name, commandOptions: new HttpCommandOptions
        {
            Method = HttpMethod.Post,
            Description = description,
            IconName = icon,
            PrepareRequest = async context =>
            {
                var key = await signingKey.Resource.GetValueAsync(context.CancellationToken)
                    ?? throw new InvalidOperationException("The signing key parameter has no value.");
                var issuer = new TokenIssuer(Options.Create(new AuthOptions { SigningKey = key, TokenLifetime = TimeSpan.FromMinutes(5) }), TimeProvider.System);
                var (token, _) = issuer.Issue("aspire-dashboard", "Aspire dashboard operator", Guid.Empty, [Roles.Admin]);
                context.Request.Headers.Authorization = new("Bearer", token);
            },
        });
}
