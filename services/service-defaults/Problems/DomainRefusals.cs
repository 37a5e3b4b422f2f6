using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>
/// A rule an aggregate refused (<see cref="DomainRuleException"/>: 409 when the state does not allow
/// the step, 422 when the request breaks a rule) or a field naming something that is not there for
/// this request (<see cref="FieldRuleException"/>: 400), answered the same way in every service, so
/// endpoints call the aggregate and let the refusal travel. Nothing was saved: the exception left
/// the endpoint before its save, and its transaction rolls back with its scope.
/// </summary>
public sealed class DomainRefusals : IExceptionHandler
{
    public static bool Handles(Exception exception) => exception is DomainRuleException or FieldRuleException;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            DomainRuleException rule => Problems.Of(
                rule.StateConflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity, rule.Rule, rule.Message),
            FieldRuleException field => Problems.Field(field.Field, field.Message),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        await problem.ExecuteAsync(context);
        return true;
    }
}
