namespace PartyGrid.Pairing.Api;

/// <summary>
/// An activity as the form reads it: its kind, a day not in the future, the participants, the funds and
/// the amount it counts towards a commitment; each error under its field's name. Only a report without
/// errors is returned.
/// </summary>
public static class ActivityForm
{
    public static ActivityReport? Read(ActivityRequest request, DateOnly today, FieldErrors errors)
    {
        var kind = errors.Required("kind", request.Kind);
        var description = errors.Required("description", request.Description, 2000);
        if (request.OccurredOn is not { } occurredOn || occurredOn > today)
        {
            errors.Add("occurredOn", "is required and cannot be in the future");
        }

        if (request.Participants is not (>= 0 and <= 100_000))
        {
            errors.Add("participants", "is required, 0 to 100,000");
        }

        Amounts.Check(errors, "fundsYuan", request.FundsYuan, zeroAllowed: true);
        Amounts.Check(errors, "amount", request.Amount, zeroAllowed: false);
        return errors.Any
            ? null
            : new ActivityReport(kind!.Value, request.OccurredOn!.Value, request.Participants!.Value, request.FundsYuan, description!, request.CommitmentId, request.Amount);
    }
}
