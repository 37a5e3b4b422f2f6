using PartyGrid.ServiceDefaults.Paging;

namespace PartyGrid.Organisations.Domain;

/// <summary>
/// One organisation of the four-level network. Its <see cref="Path"/> is the chain of ids from the
/// county down (ltree labels), which makes subtree and ancestor queries index lookups.
/// </summary>
public sealed class Organisation : IHasId
{
    private Organisation()
    {
    }

    public Guid Id { get; private init; }

    public Guid? ParentId { get; private set; }

    public string Path { get; private set; } = string.Empty;

    public string Code { get; private init; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public OrganisationTier Tier { get; private init; }

    public Area Area { get; private init; }

    public OrganisationKind Kind { get; private set; }

    public OrganisationStatus Status { get; private set; }

    /// <summary>Monotonic per organisation; the ETag of the API and the version of every event.</summary>
    public long Version { get; private set; }

    public Guid? MergedIntoId { get; private set; }

    public string? DissolutionReason { get; private set; }

    public DateTimeOffset CreatedAt { get; private init; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Organisation Register(
        string code, string name, OrganisationTier tier, Area area, OrganisationKind kind, Organisation? parent, DateTimeOffset now)
    {
        TierRule.EnsureChildFits(tier, parent);
        var id = Guid.CreateVersion7(now);
        var label = OrganisationScope.Label(id);
        return new Organisation
        {
            Id = id,
            ParentId = parent?.Id,
            Path = parent is null ? label : $"{parent.Path}.{label}",
            Code = code,
            Name = name,
            Tier = tier,
            Area = area,
            Kind = kind,
            Status = OrganisationStatus.Active,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>Renames or re-kinds the organisation; returns false when nothing changed (no new version).</summary>
    public bool Amend(string? name, OrganisationKind? kind, DateTimeOffset now)
    {
        var changed = false;
        if (name is not null && name != Name)
        {
            Name = name;
            changed = true;
        }

        if (kind is { } k && k != Kind)
        {
            Kind = k;
            changed = true;
        }

        if (changed)
        {
            Version++;
            UpdatedAt = now;
        }

        return changed;
    }

    /// <summary>
    /// Moves this organisation under <paramref name="newParent"/>; the caller rebases the descendants
    /// with <see cref="Rebase"/>. Tier rules hold, and nothing moves under its own subtree.
    /// </summary>
    public void MoveUnder(Organisation newParent, DateTimeOffset now)
    {
        if (newParent.Id == Id || OrganisationScope.Contains(Path, newParent.Path))
        {
            throw new DomainRuleException(MoveRule.IntoOwnSubtree, "An organisation cannot move under itself or its own descendant.");
        }

        if (newParent.Id == ParentId)
        {
            throw new DomainRuleException(MoveRule.SameParent, "The organisation already sits under that parent.");
        }

        TierRule.EnsureChildFits(Tier, newParent);
        var oldPath = Path;
        ParentId = newParent.Id;
        Rebase(oldPath, $"{newParent.Path}.{OrganisationScope.Label(Id)}", now);
    }

    /// <summary>Replaces the <paramref name="oldPrefix"/> of the path after an ancestor moved.</summary>
    public void Rebase(string oldPrefix, string newPrefix, DateTimeOffset now)
    {
        Path = newPrefix + Path[oldPrefix.Length..];
        Version++;
        UpdatedAt = now;
    }

    /// <summary>
    /// Dissolves the organisation. Its children must have moved or been dissolved first; a merge
    /// target takes over members and open work in the other services and must be an active
    /// organisation of the same tier.
    /// </summary>
    public void Dissolve(string reason, Organisation? mergeInto, bool hasActiveChildren, DateTimeOffset now)
    {
        if (Status == OrganisationStatus.Dissolved)
        {
            throw new DomainRuleException(DissolutionRule.AlreadyDissolved, "The organisation is already dissolved.");
        }

        if (hasActiveChildren)
        {
            throw new DomainRuleException(DissolutionRule.HasActiveChildren, "Move or dissolve the organisations below it first.");
        }

        if (mergeInto is not null
            && (mergeInto.Id == Id || mergeInto.Status != OrganisationStatus.Active || mergeInto.Tier != Tier))
        {
            throw new DomainRuleException(DissolutionRule.MergeTarget, "A merge target is another active organisation of the same tier.");
        }

        Status = OrganisationStatus.Dissolved;
        DissolutionReason = reason;
        MergedIntoId = mergeInto?.Id;
        Version++;
        UpdatedAt = now;
    }

    public OrganisationChanged ToEvent() =>
        new(Id, ParentId, Path, Code, Name, Tier, Area, Kind, Status, Version, MergedIntoId);
}
