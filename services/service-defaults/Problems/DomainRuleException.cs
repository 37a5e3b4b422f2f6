using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>
/// A change the domain refuses, named by its <see cref="Rule"/> (the problem's <c>code</c>). A change
/// the current state does not allow (a transfer already approved cannot be cancelled) answers 409;
/// a request that breaks a rule of the model whatever the state (a child one tier below its parent)
/// answers 422.
/// </summary>
public sealed class DomainRuleException(string rule, string message, bool stateConflict = false) : Exception(message)
{
    public string Rule { get; } = rule;

    public bool StateConflict { get; } = stateConflict;

    public static DomainRuleException IllegalState(string rule, string message) => new(rule, message, stateConflict: true);

    public ProblemHttpResult ToProblem() => Problems.Of(
        StateConflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity, Rule, Message);
}
