using System.Linq.Expressions;

namespace PartyGrid.ServiceDefaults.Persistence;

/// <summary>
/// A rule written once that needs an argument (usually "now"): checked in memory on a loaded aggregate,
/// and given to a query as a filter whose argument is bound as a SQL parameter, so a list, a count and
/// a response flag cannot disagree about what "overdue" means.
/// </summary>
public sealed class QueryRule<T, TArg>(Expression<Func<T, TArg, bool>> rule)
{
    private readonly Func<T, TArg, bool> compiled = rule.Compile();

    public bool Holds(T item, TArg argument) => compiled(item, argument);

    /// <summary>The rule (or, with <paramref name="holds"/> false, its negation) as a filter at <paramref name="argument"/>.</summary>
    public Expression<Func<T, bool>> At(TArg argument, bool holds = true)
    {
        // A closure member, not a constant: EF binds it as a parameter and caches one plan for every argument.
        Expression<Func<TArg>> captured = () => argument;
        var body = new Substitution(rule.Parameters[1], captured.Body).Visit(rule.Body);
        return Expression.Lambda<Func<T, bool>>(holds ? body : Expression.Not(body), rule.Parameters[0]);
    }

    private sealed class Substitution(ParameterExpression parameter, Expression replacement) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == parameter ? replacement : node;
    }
}
