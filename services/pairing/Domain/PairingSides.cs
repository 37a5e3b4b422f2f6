namespace PartyGrid.Pairing.Domain;

/// <summary>The sides of a pairing a caller arranges for (is org-admin of), or that proposed it.</summary>
[Flags]
public enum PairingSides
{
    None = 0,
    Urban = 1,
    Rural = 2,
    Both = Urban | Rural,
}
