using System.Security.Cryptography;
using System.Text;

namespace PartyGrid.Notifications.Domain;

/// <summary>
/// A Standard Webhooks signing secret: <c>whsec_</c> and 32 random bytes in base64. A message is
/// signed as <c>v1,</c> + base64 HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> under the decoded bytes.
/// </summary>
public static class SigningSecret
{
    public const string Prefix = "whsec_";

    public static string Create() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public static string Sign(string secret, string messageId, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret[Prefix.Length..]);
        var signature = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}"));
        return "v1," + Convert.ToBase64String(signature);
    }

    /// <summary>The <c>webhook-signature</c> header: one signature per valid secret, space-separated.</summary>
    public static string Header(IEnumerable<string> secrets, string messageId, long timestamp, string body) =>
        string.Join(' ', secrets.Select(s => Sign(s, messageId, timestamp, body)));
}
