namespace PartyGrid.Assessment.Api;

/// <summary>
/// A new scheme as the form reads it: the month it applies from (default this month), weights of
/// known indicators adding up to 1, optional floors, and the double-satisfaction threshold; each
/// error under its field's name. Only a form without errors is returned.
/// </summary>
public sealed record SchemeForm(AssessmentPeriod From, Dictionary<Indicator, decimal> Weights, Dictionary<Indicator, decimal> Floors, decimal DoubleSatisfaction)
{
    public static SchemeForm? Read(SchemeRequest request, TimeProvider time, FieldErrors errors)
    {
        var from = request.EffectiveFrom is null ? AssessmentPeriod.Current(time) : MonthQuery.Parse(request.EffectiveFrom, time, "effectiveFrom", errors);
        var weights = Values(request.Weights, "weights", errors, required: true);
        var floors = Values(request.Floors ?? [], "floors", errors, required: false);
        if (weights.Count > 0 && Math.Abs(weights.Values.Sum() - 1) > 0.0001m)
        {
            errors.Add("weights", "must add up to 1");
        }

        if (request.Thresholds is not { DoubleSatisfaction: >= 0 and <= 1 })
        {
            errors.Add("thresholds.doubleSatisfaction", "is required, from 0 to 1");
        }

        return errors.Any ? null : new SchemeForm(from, weights, floors, request.Thresholds!.DoubleSatisfaction);
    }

    private static Dictionary<Indicator, decimal> Values(Dictionary<string, decimal>? values, string field, FieldErrors errors, bool required)
    {
        var parsed = new Dictionary<Indicator, decimal>();
        if (values is null || (required && values.Count == 0))
        {
            errors.Add(field, "name at least one indicator");
            return parsed;
        }

        foreach (var (name, value) in values)
        {
            if (!Indicators.TryParse(name, out var indicator))
            {
                errors.Add($"{field}.{name}", $"is not an indicator; known: {string.Join(", ", Indicators.All.Select(i => i.JsonName()))}");
            }
            else if (value is < 0 or > 1)
            {
                errors.Add($"{field}.{name}", "must be from 0 to 1");
            }
            else
            {
                parsed[indicator] = value;
            }
        }

        return parsed;
    }
}
