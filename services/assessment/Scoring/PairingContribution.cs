using PartyGrid.Assessment.Projections;

namespace PartyGrid.Assessment.Scoring;

/// <summary>
/// A started pairing's commitments count for both sides in the month each falls due; a commitment is
/// fulfilled when what was achieved reaches its target.
/// </summary>
public static class PairingContribution
{
    public static IEnumerable<Contribution> Of(AssessedPairing? pairing)
    {
        if (pairing is null || pairing.Status == PairingStatus.Proposed)
        {
            yield break;
        }

        foreach (var commitment in pairing.Commitments)
        {
            var period = AssessmentPeriod.Of(commitment.DueOn);
            foreach (var side in new[] { pairing.UrbanOrganisationId, pairing.RuralOrganisationId })
            {
                yield return new(side, period, Counter.CommitmentsDue);
                if (commitment.Fulfilled)
                {
                    yield return new(side, period, Counter.CommitmentsFulfilled);
                }
            }
        }
    }
}
