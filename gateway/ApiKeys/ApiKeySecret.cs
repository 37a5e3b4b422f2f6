using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PartyGrid.Gateway.ApiKeys;

/// <summary>
/// The secret a partner sends in <c>X-Api-Key</c>: 256 random bits, so a plain SHA-256 is enough to
/// store it (there is nothing to brute-force that a slow hash would protect), and lookups stay one
/// index probe per request.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "pgk_";
    private const int HintLength = 10;

    public static (string Secret, byte[] Hash, string Hint) Create()
    {
        var secret = Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (secret, Hash(secret), secret[..HintLength]);
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Cheap shape check, so that garbage never reaches the database.</summary>
    public static bool LooksValid(string? secret) =>
        secret is { Length: > 20 and < 100 } && secret.StartsWith(Prefix, StringComparison.Ordinal);
}
