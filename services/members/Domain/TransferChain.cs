namespace PartyGrid.Members.Domain;

/// <summary>
/// Who decides a transfer of membership, read off the tree: the sending organisation and its
/// ancestors up to the lowest common ancestor of both ends, then the receiving side's organisations
/// from below that ancestor down to (not including) the target, which finally receives. The ancestor
/// decides once; when the target is itself that ancestor it only receives.
/// </summary>
public static class TransferChain
{
    /// <param name="fromPath">Organisation ids, root first, of the sending organisation's path.</param>
    /// <param name="toPath">The same for the receiving organisation.</param>
    public static IReadOnlyList<ChainStep> Between(IReadOnlyList<Guid> fromPath, IReadOnlyList<Guid> toPath)
    {
        if (fromPath.Count == 0 || toPath.Count == 0)
        {
            throw new ArgumentException("Both organisations need a path.");
        }

        var common = 0;
        while (common < fromPath.Count && common < toPath.Count && fromPath[common] == toPath[common])
        {
            common++;
        }

        if (common == 0)
        {
            throw new ArgumentException("The organisations are in different trees.");
        }

        var target = toPath[^1];
        var steps = new List<ChainStep>();
        for (var i = fromPath.Count - 1; i >= common - 1; i--)
        {
            if (fromPath[i] != target)
            {
                steps.Add(new ChainStep(fromPath[i], TransferStepKind.Approval));
            }
        }

        for (var i = common; i < toPath.Count - 1; i++)
        {
            steps.Add(new ChainStep(toPath[i], TransferStepKind.Approval));
        }

        steps.Add(new ChainStep(target, TransferStepKind.Receipt));
        return steps;
    }
}

public sealed record ChainStep(Guid OrganisationId, TransferStepKind Kind);
