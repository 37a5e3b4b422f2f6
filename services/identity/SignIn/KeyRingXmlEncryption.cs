using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using PartyGrid.ServiceDefaults.Keys;

namespace PartyGrid.Identity.SignIn;

/// <summary>
/// Data Protection's keys (which protect the sign-in cookies and anti-forgery tokens) are stored in
/// the database encrypted under the same key-encryption key as the key ring.
/// </summary>
public sealed class KeyRingXmlEncryptor(KeyProtector protector) : IXmlEncryptor
{
    public const string Purpose = "data-protection";

    /// <summary>Every key's XML is sealed under the same id: Data Protection's key ids are inside what is sealed.</summary>
    public const string Id = "xml";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var element = new XElement("encrypted", Convert.ToBase64String(protector.Protect(Purpose, Id, bytes)));
        return new EncryptedXmlInfo(element, typeof(KeyRingXmlDecryptor));
    }
}

public sealed class KeyRingXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var protector = services.GetRequiredService<KeyProtector>();
        var bytes = protector.Unprotect(KeyRingXmlEncryptor.Purpose, KeyRingXmlEncryptor.Id, Convert.FromBase64String(encryptedElement.Value));
        return XElement.Parse(System.Text.Encoding.UTF8.GetString(bytes));
    }
}
