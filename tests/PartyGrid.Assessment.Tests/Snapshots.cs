using PartyGrid.Contracts;

namespace PartyGrid.Assessment.Tests;

/// <summary>Member, site and pairing snapshots as their services would publish them (tickets: <see cref="PartyGrid.Testing.TicketSnapshots"/>).</summary>
public static class Snapshots
{
    public static MemberChanged Member(Guid organisation, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), organisation, MemberStatus.Full, [], false, MemberFlowStatus.None, false, 1);

    public static ServiceSiteChanged Site(Guid organisation, OrganisationTier tier, bool open) =>
        new(organisation, organisation.ToString("N"), tier, "服务站", "地址", ["党务"], open, 1);

    public static PairingChanged Pairing(Guid urban, Guid rural, params (DateOnly DueOn, bool Fulfilled)[] commitments) =>
        new(Guid.NewGuid(), urban, rural, PairingStatus.Active, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31),
            [.. commitments.Select(c => new CommitmentProgress(Guid.NewGuid(), CommitmentKind.Funds, 10, "万元", c.Fulfilled ? 10 : 4, c.DueOn, c.Fulfilled ? 1 : 0.4m, false))],
            0.7m, 0, 1);
}
