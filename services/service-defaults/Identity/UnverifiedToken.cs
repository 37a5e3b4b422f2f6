using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;

namespace PartyGrid.ServiceDefaults.Identity;

/// <summary>
/// The request's bearer token read without validation, once per request: its issuer picks the scheme
/// and its key id tells whether the issuer's keys must be read again. The scheme then validates it all.
/// </summary>
public static class UnverifiedToken
{
    private static readonly object ItemKey = new();

    public static JsonWebToken? Of(HttpContext context)
    {
        if (context.Items.TryGetValue(ItemKey, out var seen))
        {
            return seen as JsonWebToken;
        }

        var token = Read(context.Request);
        context.Items[ItemKey] = token;
        return token;
    }

    private static JsonWebToken? Read(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var handler = new JsonWebTokenHandler();
        var text = header[prefix.Length..].Trim();
        if (!handler.CanReadToken(text))
        {
            return null;
        }

        try
        {
            return handler.ReadJsonWebToken(text);
        }
        catch (ArgumentException)
        {
            // Not a JWT after all: the staff scheme refuses it.
            return null;
        }
    }
}
