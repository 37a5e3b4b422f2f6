using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>The public half of a ring's keys as a JWKS document (RFC 7517) for validators to fetch.</summary>
public static class JsonWebKeys
{
    public static string Document(KeyRing ring, string purpose) =>
        JsonSerializer.Serialize(new
        {
            keys = ring.Published(purpose).Select(k =>
            {
                var parameters = k.Key.Rsa.ExportParameters(includePrivateParameters: false);
                return new
                {
                    kty = "RSA",
                    use = "sig",
                    alg = SecurityAlgorithms.RsaSha256,
                    kid = k.Id,
                    n = Base64UrlEncoder.Encode(parameters.Modulus),
                    e = Base64UrlEncoder.Encode(parameters.Exponent),
                };
            }),
        });
}
