using PartyGrid.Contracts;

namespace PartyGrid.ServiceDefaults.Persistence;

/// <summary>
/// A named set of an aggregate's statuses ("open", "being worked"), written once on the aggregate and
/// used alike by its methods, by queries (<see cref="Members"/> in a LINQ <c>Contains</c>) and by
/// partial-index filters (<see cref="SqlFilter"/>, the stored wire names), so none can drift.
/// </summary>
public sealed class StatusSet<TEnum>(params TEnum[] statuses)
    where TEnum : struct, Enum
{
    public IReadOnlyList<TEnum> Members { get; } = statuses;

    public bool Contains(TEnum status) => Array.IndexOf(statuses, status) >= 0;

    /// <summary>The set as a SQL condition on the column that stores the status by its wire name.</summary>
    public string SqlFilter(string column) => $"{column} IN ({string.Join(", ", statuses.Select(s => $"'{WireName.Of(s)}'"))})";
}
