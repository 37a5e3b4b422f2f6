using PartyGrid.Members.Domain;

namespace PartyGrid.Members.Tests;

public sealed class TransferChainTests
{
    // County C; rural townships T1 (villages A, B) and T2 (village D); urban street S (community U).
    private static readonly Guid C = Guid.NewGuid(), T1 = Guid.NewGuid(), T2 = Guid.NewGuid(), S = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid(), B = Guid.NewGuid(), D = Guid.NewGuid(), U = Guid.NewGuid();

    [Fact]
    public void Sibling_villages_go_through_their_township()
    {
        var chain = TransferChain.Between([C, T1, A], [C, T1, B]);
        Assert.Equal([Approval(A), Approval(T1), Receipt(B)], chain);
    }

    [Fact]
    public void Villages_of_different_townships_go_up_to_the_county_and_down_the_other_side()
    {
        var chain = TransferChain.Between([C, T1, A], [C, T2, D]);
        Assert.Equal([Approval(A), Approval(T1), Approval(C), Approval(T2), Receipt(D)], chain);
    }

    [Fact]
    public void An_urban_community_member_moving_to_a_rural_village()
    {
        var chain = TransferChain.Between([C, S, U], [C, T1, B]);
        Assert.Equal([Approval(U), Approval(S), Approval(C), Approval(T1), Receipt(B)], chain);
    }

    [Fact]
    public void Down_from_a_township_committee_to_one_of_its_villages()
    {
        var chain = TransferChain.Between([C, T1], [C, T1, A]);
        Assert.Equal([Approval(T1), Receipt(A)], chain);
    }

    [Fact]
    public void Up_to_the_township_the_township_only_receives()
    {
        var chain = TransferChain.Between([C, T1, A], [C, T1]);
        Assert.Equal([Approval(A), Receipt(T1)], chain);
    }

    [Fact]
    public void Organisations_of_different_trees_have_no_chain() =>
        Assert.Throws<ArgumentException>(() => TransferChain.Between([C, T1, A], [Guid.NewGuid(), D]));

    private static ChainStep Approval(Guid org) => new(org, TransferStepKind.Approval);

    private static ChainStep Receipt(Guid org) => new(org, TransferStepKind.Receipt);
}
