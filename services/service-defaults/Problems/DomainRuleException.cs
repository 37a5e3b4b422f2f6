namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>
/// A change the domain refuses, named by its <see cref="Rule"/> (the problem's <c>code</c>). A change
/// the current state does not allow (a transfer already approved cannot be cancelled) is a state
/// conflict; a request that breaks a rule of the model whatever the state (a child one tier below its
/// parent) is not. How either is answered is <see cref="DomainRefusals"/>' business.
/// </summary>
public sealed class DomainRuleException(string rule, string message, bool stateConflict = false) : Exception(message)
{
    public string Rule { get; } = rule;

    public bool StateConflict { get; } = stateConflict;

    public static DomainRuleException IllegalState(string rule, string message) => new(rule, message, stateConflict: true);
}
