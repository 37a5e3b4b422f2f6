using Microsoft.EntityFrameworkCore;
using PartyGrid.Contracts;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.ServiceDefaults.Projections;

/// <summary>
/// A service's local copy of one organisation of the tree, kept from <see cref="OrganisationChanged"/>
/// so that scope checks and subtree queries never call the organisations service.
/// </summary>
public sealed class ProjectedOrganisation
{
    public Guid Id { get; init; }

    public Guid? ParentId { get; init; }

    public required LTree Path { get; init; }

    public required string Code { get; init; }

    public required string Name { get; init; }

    public OrganisationTier Tier { get; init; }

    public Area Area { get; init; }

    public OrganisationKind Kind { get; init; }

    public OrganisationStatus Status { get; init; }

    public long Version { get; init; }

    public const string DissolvedRule = "organisation-dissolved";

    /// <summary>A dissolved organisation takes no new work: no tickets, members, teams, transfers, flows or pairings.</summary>
    public bool TakesNewWork => Status != OrganisationStatus.Dissolved;

    /// <summary>Refuses new work for a dissolved organisation (422 <c>organisation-dissolved</c>), naming what was refused.</summary>
    public void EnsureTakesNewWork(string refused)
    {
        if (!TakesNewWork)
        {
            throw new DomainRuleException(DissolvedRule, $"A dissolved organisation takes no {refused}.");
        }
    }
}

public static class OrganisationProjectionModel
{
    public const string Table = "organisations";

    public static ModelBuilder AddOrganisationProjection(this ModelBuilder model)
    {
        model.HasPostgresExtension("ltree");
        model.Entity<ProjectedOrganisation>(e =>
        {
            e.ToTable(Table);
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).ValueGeneratedNever();
            e.Property(o => o.Path).HasColumnType("ltree");
            e.HasIndex(o => o.Path).HasMethod("gist");
            e.Property(o => o.Code).HasMaxLength(64);
            e.Property(o => o.Name).HasMaxLength(200);
            e.Property(o => o.Tier).HasConversion<WireNameConverter<OrganisationTier>>().HasMaxLength(20);
            e.Property(o => o.Area).HasConversion<WireNameConverter<Area>>().HasMaxLength(20);
            e.Property(o => o.Kind).HasConversion<WireNameConverter<OrganisationKind>>().HasMaxLength(20);
            e.Property(o => o.Status).HasConversion<WireNameConverter<OrganisationStatus>>().HasMaxLength(20);
        });
        return model;
    }
}
