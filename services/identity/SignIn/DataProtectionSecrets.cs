using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Identity.Data;
using PartyGrid.ServiceDefaults.Keys;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// Data Protection's keys after a key-encryption key rotation: the sealed part of each key's XML
/// (written by <see cref="KeyRingXmlEncryptor"/>) resealed under the current key, the row replaced only
/// while it still holds what was read.
/// </summary>
public sealed class DataProtectionSecrets(IServiceScopeFactory scopes) : ISealedSecrets
{
    public async Task<int> ResealAsync(KeyProtector protector, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var keys = await db.DataProtectionKeys.AsNoTracking().Where(k => k.Xml != null).Select(k => new { k.Id, k.Xml }).ToListAsync(cancellationToken);
        var resealed = 0;
        foreach (var key in keys)
        {
            var xml = XElement.Parse(key.Xml!);
            var changed = false;
            foreach (var sealedPart in xml.Descendants().Where(e => e.Name.LocalName == "encrypted" && IsOurs(e.Parent)))
            {
                if (protector.Reseal(KeyRingXmlEncryptor.Purpose, KeyRingXmlEncryptor.Id, Convert.FromBase64String(sealedPart.Value)) is { } renewed)
                {
                    sealedPart.Value = Convert.ToBase64String(renewed);
                    changed = true;
                }
            }

            if (changed)
            {
                var read = key.Xml;
                var written = xml.ToString(SaveOptions.DisableFormatting);
                resealed += await db.DataProtectionKeys.Where(k => k.Id == key.Id && k.Xml == read)
                    .ExecuteUpdateAsync(k => k.SetProperty(x => x.Xml, written), cancellationToken);
            }
        }

        return resealed;
    }

    private static bool IsOurs(XElement? encryptedSecret) =>
        encryptedSecret?.Name.LocalName == "encryptedSecret"
        && (string?)encryptedSecret.Attribute("decryptorType") is { } decryptor
        && decryptor.StartsWith(typeof(KeyRingXmlDecryptor).FullName + ",", StringComparison.Ordinal);
}
