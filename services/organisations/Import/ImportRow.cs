namespace PartyGrid.Organisations.Import;

/// <summary>One organisation of an import file, as written (validated later, per field).</summary>
public sealed record ImportRow(int Row, string? Code, string? Name, string? Tier, string? Area, string? Kind, string? ParentCode);

public sealed record ImportSummary(int Created, int Updated, int Unchanged);
