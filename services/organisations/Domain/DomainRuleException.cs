namespace PartyGrid.Organisations.Domain;

/// <summary>A change the domain refuses; the API answers 422 with <see cref="Rule"/> as the problem code.</summary>
public sealed class DomainRuleException(string rule, string message) : Exception(message)
{
    public string Rule { get; } = rule;
}
