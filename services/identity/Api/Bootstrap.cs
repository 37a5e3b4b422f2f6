using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.Data;
using PartyGrid.Identity.SignIn;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Identity.Api;

/// <summary>
/// The one-time step of a fresh installation: with the installer's bootstrap token
/// (<c>Identity:BootstrapToken</c>) and while no administrator exists, <c>POST /identity/bootstrap</c>
/// creates the first <c>admin</c>, who enrols a second factor at first sign-in. Afterwards the endpoint
/// answers 404 whatever it is sent.
/// </summary>
public static class Bootstrap
{
    public const string Path = "/identity/bootstrap";
    public const string TokenHeader = "X-Bootstrap-Token";

    public static void MapBootstrap(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, CreateFirstAdmin).AllowAnonymous().DisableAntiforgery().WithTags("Staff accounts")
            .WithSummary("Create the first administrator of a fresh installation (bootstrap token in X-Bootstrap-Token).");

    private static async Task<Results<Created<StaffAccountResponse>, ValidationProblem, ProblemHttpResult>> CreateFirstAdmin(
        BootstrapRequest request, HttpRequest http, IOptions<SignInSettings> options, AccountsDbContext db, AccountOpening opening,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var expected = options.Value.BootstrapToken;
        var given = http.Headers[TokenHeader].ToString();
        if (string.IsNullOrEmpty(expected)
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given))
            || await db.Users.AnyAsync(a => a.Roles.Contains(Roles.Admin), cancellationToken))
        {
            return Problems.NotFound("The bootstrap step");
        }

        var errors = new FieldErrors();
        var userName = errors.Required("userName", request.UserName, 64)?.ToLowerInvariant();
        var displayName = errors.Required("displayName", request.DisplayName, 100);
        if (request.Password is null)
        {
            errors.Add("password", "is required");
        }
        else if (PasswordRules.Weakness(userName ?? string.Empty, request.Password) is { } weakness)
        {
            errors.Add("password", weakness.Description);
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        var account = new StaffAccount
        {
            Id = Guid.CreateVersion7(), UserName = userName, DisplayName = displayName!, Roles = [Roles.Admin], CreatedAt = now, Version = 1,
        };
        var opened = await opening.OpenAsync(account, request.Password!, mustChange: false, openedBy: "bootstrap", cancellationToken);
        if (!opened.Succeeded)
        {
            return Problems.Field("userName", string.Join(" ", opened.Errors.Select(e => e.Description)));
        }

        return TypedResults.Created($"/api/v1/staff/{account.Id}", StaffAccountResponse.Of(account, now));
    }
}
