namespace PartyGrid.Pairing.Api;

/// <summary>
/// A proposed pairing as the form reads it: both sides, a term that ends after it starts, and 1 to
/// 50 commitments due within the term; each error under its field's name (<c>commitments[2].dueOn</c>).
/// Only a form without errors is returned.
/// </summary>
public sealed record ProposalForm(Guid UrbanOrgId, Guid RuralOrgId, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<CommitmentTerms> Commitments)
{
    public static ProposalForm? Read(ProposePairingRequest request, FieldErrors errors)
    {
        var urbanId = errors.Required("urbanOrgId", request.UrbanOrgId);
        var ruralId = errors.Required("ruralOrgId", request.RuralOrgId);
        if (request.StartsOn is not { } startsOn || request.EndsOn is not { } endsOn || endsOn <= startsOn)
        {
            errors.Add("endsOn", "startsOn and endsOn are required, endsOn after startsOn");
            startsOn = endsOn = default;
        }

        var commitments = new List<CommitmentTerms>();
        if (request.Commitments is not { Length: > 0 and <= 50 })
        {
            errors.Add("commitments", "name 1 to 50 commitments");
        }
        else
        {
            for (var i = 0; i < request.Commitments.Length; i++)
            {
                var c = request.Commitments[i];
                var kind = errors.Required($"commitments[{i}].kind", c.Kind);
                var description = errors.Required($"commitments[{i}].description", c.Description, 500);
                var unit = errors.Required($"commitments[{i}].unit", c.Unit, 20);
                if (c.Target is null)
                {
                    errors.Add($"commitments[{i}].target", "is required");
                }

                Amounts.Check(errors, $"commitments[{i}].target", c.Target, zeroAllowed: false);

                if (c.DueOn is not { } due || due < startsOn || due > endsOn)
                {
                    errors.Add($"commitments[{i}].dueOn", "must lie within the pairing's term");
                }

                if (kind is { } k && description is not null && unit is not null && c.Target is > 0 and <= Amounts.Max && c.DueOn is { } dueOn)
                {
                    commitments.Add(new CommitmentTerms(k, description, c.Target.Value, unit, dueOn));
                }
            }
        }

        return errors.Any ? null : new ProposalForm(urbanId!.Value, ruralId!.Value, startsOn, endsOn, commitments);
    }
}
