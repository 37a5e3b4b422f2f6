namespace PartyGrid.Members.Api;

/// <summary>
/// A flow out as the form reads it: a destination organisation or place, the reason, the day it
/// starts, an expected return not before it, and the flow card's number; each error under its
/// field's name. Only a form without errors is returned.
/// </summary>
public sealed record FlowOutForm(FlowDestination Destination, string Reason, DateOnly From, DateOnly? ExpectedReturn, string CardNumber)
{
    public static FlowOutForm? Read(FlowOutRequest request, FieldErrors errors)
    {
        var place = MemberInput.Optional(errors, "destinationPlace", request.DestinationPlace, 200);
        var reason = errors.Required("reason", request.Reason, 500);
        var card = errors.Required("cardNumber", request.CardNumber, 40);
        if (request.DestinationOrgId is null && request.DestinationPlace is null)
        {
            errors.Add("destinationOrgId", "name a destination organisation or place");
        }

        if (request.From is null)
        {
            errors.Add("from", "is required");
        }

        if (request.ExpectedReturn is { } back && request.From is { } from && back < from)
        {
            errors.Add("expectedReturn", "cannot be before from");
        }

        return errors.Any
            ? null
            : new FlowOutForm(new FlowDestination(request.DestinationOrgId, place), reason!, request.From!.Value, request.ExpectedReturn, card!);
    }
}
