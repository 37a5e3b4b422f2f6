namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>
/// A request field that names something which, once looked up, is not there for this request (a member
/// who does not exist, has left or serves elsewhere): answered as bad input naming the field.
/// </summary>
public sealed class FieldRuleException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
