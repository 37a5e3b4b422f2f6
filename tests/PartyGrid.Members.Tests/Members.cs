using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using PartyGrid.Contracts;
using PartyGrid.Members.Domain;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.Testing;

namespace PartyGrid.Members.Tests;

/// <summary>Members for domain tests, with real (throw-away) encryption.</summary>
internal static class Members
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 11, 24);

    private static readonly PersonalDataProtector Protector = new(Options.Create(new PersonalDataOptions
    {
        EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        LookupKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    }));

    public static Member In(Guid organisationId, MemberStatus status = MemberStatus.Full, DateOnly? joinedOn = null)
    {
        IdentityNumber.TryParse(IdNumbers.For(new DateOnly(1980, 5, 1), male: true), out var id, out _);
        var memberId = Guid.CreateVersion7(Now);
        return Member.Join(
            memberId,
            new MemberProfile("张三", "汉族", Education.Bachelor, ["legal"], null),
            organisationId,
            id,
            Protector.Protect(PersonalField.IdNumber, memberId, id.Value),
            Protector.Protect(PersonalField.Phone, memberId, "13812345678"),
            joinedOn ?? new DateOnly(2010, 7, 1),
            status,
            null,
            Now);
    }
}
