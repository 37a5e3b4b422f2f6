using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.Identity.Data;
using PartyGrid.Identity.SignIn;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Keys;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Identity.Api;

/// <summary>
/// The token-signing keys as an operator sees them, and a rotation on demand (a suspected leak, a
/// drill): the successor is published at once and signs after the configured lead, so validators
/// have fetched it by then.
/// </summary>
public static class SigningKeysApi
{
    public static void MapSigningKeysApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/signing-keys").WithTags("Signing keys");
        api.MapGet("/", List).RequireAuthorization(Policies.Admin).WithSummary("The published token-signing keys: which signs now, when each activates, retires and is forgotten (admin).");
        api.MapPost("/rotate", Rotate).RequireAuthorization(Policies.Admin).WithSummary("Publish a successor of the signing key now; it signs after the publication lead (admin).");
        app.MapRunNow<KeyRotation<AccountsDbContext>>("/api/v1/signing-keys/jobs/key-rotation/run", "key-rotation");
    }

    private static Results<Ok<IReadOnlyList<SigningKeyResponse>>, ProblemHttpResult> List(Caller caller, KeyRing ring)
    {
        var active = ring.Active(RingCredentials.SigningPurpose).Id;
        return TypedResults.Ok<IReadOnlyList<SigningKeyResponse>>(ring.Published(RingCredentials.SigningPurpose)
            .Select(k => new SigningKeyResponse(k.Id, k.Purpose, k.ActivatesAt, k.RetiresAt, k.ForgottenAt, k.Id == active))
            .ToList());
    }

    private static async Task<Results<Ok<RotatedKeyResponse>, ProblemHttpResult>> Rotate(
        Caller caller, KeyRotation<AccountsDbContext> rotation, KeyRing ring, CancellationToken cancellationToken)
    {
        var id = await rotation.RotateAsync(RingCredentials.SigningPurpose, cancellationToken);
        await rotation.RotateAsync(RingCredentials.EncryptionPurpose, cancellationToken);
        var key = ring.Published(RingCredentials.SigningPurpose).First(k => k.Id == id);
        return TypedResults.Ok(new RotatedKeyResponse(key.Id, key.ActivatesAt));
    }
}
