using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Members.Tests;

public sealed class PersonalDataTests
{
    private static readonly PersonalDataProtector Protector = new(Options.Create(new PersonalDataOptions
    {
        EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    }));

    [Theory]
    [InlineData("52032119850307001X", "5203**********001X")]
    [InlineData("110105194912310028", "1101**********0028")]
    public void Identity_numbers_show_the_first_four_and_last_four(string value, string masked) =>
        Assert.Equal(masked, PersonalDataMask.IdNumber(value));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("085112345678", "085*****5678")]
    public void Phones_show_the_first_three_and_last_four(string value, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Phone(value));

    [Theory]
    [InlineData("１３８１２３４５６７８", true, "13812345678")]
    [InlineData("138－1234－5678", true, "13812345678")]
    [InlineData("138　1234　5678", true, "13812345678")]
    [InlineData("١٣٨١٢٣٤٥٦٧٨", false, null)]
    [InlineData("１３８１２３４５６７", false, null)]
    public void Full_width_phones_are_folded_to_one_number_and_other_scripts_refused(string text, bool valid, string? stored)
    {
        Assert.Equal(valid, PhoneFormat.TryNormalise(text, out var normalised));
        if (valid)
        {
            Assert.Equal(stored, normalised);
        }
    }

    [Theory]
    [InlineData("王大妈", "王**")]
    [InlineData("李四", "李*")]
    [InlineData("欧阳修文", "欧***")]
    [InlineData("单", "*")]
    public void Names_show_the_first_character_only(string value, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Name(value));

    [Theory]
    [InlineData("贵州省遵义市桐梓县金钟村二组5号", "贵州省遵义市桐梓县金钟村**")]
    [InlineData("茅台镇杨柳湾社区3栋2单元501", "茅台镇杨柳湾社区**")]
    [InlineData("石板村", "石板村")]
    [InlineData("桐梓县娄山关街道中山路12号", "桐梓县娄山关街道**")]
    [InlineData("中山路12号", "**")]
    public void Addresses_show_down_to_the_village_only(string value, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Address(value));

    private static readonly Guid Row = Guid.CreateVersion7(new DateTimeOffset(2026, 11, 2, 1, 0, 0, TimeSpan.Zero));

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Encryption_round_trips_and_never_repeats_or_shows_the_value()
    {
        const string phone = "13812345678";
        var first = Protector.Encrypt(PersonalField.Phone, Row, phone);
        var second = Protector.Encrypt(PersonalField.Phone, Row, phone);

        Assert.NotEqual(first, second);
        Assert.DoesNotContain(phone, Encoding.UTF8.GetString(first), StringComparison.Ordinal);
        Assert.Equal(phone, Protector.Decrypt(PersonalField.Phone, Row, first));
        Assert.Equal(phone, Protector.Decrypt(PersonalField.Phone, Row, second));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_field_does_not_decrypt()
    {
        var cipher = Protector.Encrypt(PersonalField.Phone, Row, "13812345678");
        Assert.ThrowsAny<CryptographicException>(() => Protector.Decrypt(PersonalField.IdNumber, Row, cipher));
    }

    [Fact]
    public void A_ciphertext_moved_to_another_row_does_not_decrypt()
    {
        var cipher = Protector.Encrypt(PersonalField.Phone, Row, "13812345678");
        Assert.ThrowsAny<CryptographicException>(() => Protector.Decrypt(PersonalField.Phone, Guid.CreateVersion7(), cipher));
    }

    [Fact]
    public void A_tampered_ciphertext_does_not_decrypt()
    {
        var cipher = Protector.Encrypt(PersonalField.Phone, Row, "13812345678");
        cipher[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => Protector.Decrypt(PersonalField.Phone, Row, cipher));
    }

    [Fact]
    public void After_a_rotation_old_values_still_decrypt_new_ones_use_the_new_key_and_search_matches_both_hashes()
    {
        var (oldEncryption, oldLookup, newEncryption, newLookup) = (NewKey(), NewKey(), NewKey(), NewKey());
        var before = new PersonalDataProtector(Options.Create(new PersonalDataOptions { EncryptionKey = oldEncryption, LookupKey = oldLookup }));
        var during = new PersonalDataProtector(Options.Create(new PersonalDataOptions
        {
            EncryptionKey = newEncryption, PreviousEncryptionKeys = [oldEncryption], LookupKey = newLookup, PreviousLookupKey = oldLookup,
        }));
        var after = new PersonalDataProtector(Options.Create(new PersonalDataOptions { EncryptionKey = newEncryption, LookupKey = newLookup }));
        var old = before.Protect(PersonalField.Phone, Row, "13812345678");

        Assert.Equal("13812345678", during.Decrypt(PersonalField.Phone, Row, old.Cipher));
        Assert.Contains(during.Lookups(PersonalField.Phone, "13812345678"), h => h.AsSpan().SequenceEqual(old.Lookup));
        Assert.NotEqual(before.CurrentHeader, during.CurrentHeader);
        Assert.False(old.Cipher.AsSpan().StartsWith(during.CurrentHeader));

        var moved = during.Protect(PersonalField.Phone, Row, during.Decrypt(PersonalField.Phone, Row, old.Cipher));
        Assert.True(moved.Cipher.AsSpan().StartsWith(during.CurrentHeader));
        Assert.Equal("13812345678", after.Decrypt(PersonalField.Phone, Row, moved.Cipher));
        Assert.Equal(after.Lookup(PersonalField.Phone, "13812345678"), moved.Lookup);
        Assert.Single(after.Lookups(PersonalField.Phone, "13812345678"));
        Assert.ThrowsAny<CryptographicException>(() => after.Decrypt(PersonalField.Phone, Row, old.Cipher));
    }

    [Fact]
    public void Lookups_match_equal_values_of_one_field_only()
    {
        Assert.Equal(Protector.Lookup(PersonalField.Phone, "13812345678"), Protector.Lookup(PersonalField.Phone, "13812345678"));
        Assert.NotEqual(Protector.Lookup(PersonalField.Phone, "13812345678"), Protector.Lookup(PersonalField.Phone, "13812345679"));
        Assert.NotEqual(Protector.Lookup(PersonalField.Phone, "13812345678"), Protector.Lookup(PersonalField.IdNumber, "13812345678"));
    }

    [Fact]
    public void Keys_that_are_short_or_equal_are_refused_at_start_up()
    {
        var validator = new PersonalDataKeyValidator();
        var key = NewKey();
        Assert.True(validator.Validate(null, new PersonalDataOptions { EncryptionKey = NewKey(), PreviousEncryptionKeys = [key], LookupKey = key }).Failed);
        Assert.True(validator.Validate(null, new PersonalDataOptions { EncryptionKey = NewKey(), LookupKey = NewKey(), PreviousLookupKey = "short" }).Failed);
        Assert.True(validator.Validate(null, new PersonalDataOptions { EncryptionKey = key, LookupKey = key }).Failed);
        Assert.True(validator.Validate(null, new PersonalDataOptions { EncryptionKey = Convert.ToBase64String(new byte[16]), LookupKey = key }).Failed);
        Assert.True(validator.Validate(null, new PersonalDataOptions
        {
            EncryptionKey = key,
            LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        }).Succeeded);
    }
}
