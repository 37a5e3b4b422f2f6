using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>Typed problem results with the stable <c>code</c> that clients switch on.</summary>
public static class Problems
{
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["code"] = ProblemCodes.Validation });

    /// <summary>A 400 about one field found wrong only after reading data (an id that names nothing), shaped like <see cref="Validation"/>.</summary>
    public static ProblemHttpResult Field(string field, string message) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = ProblemCodes.Validation,
                ["errors"] = new Dictionary<string, string[]> { [field] = [message] },
            });

    public static ProblemHttpResult NotFound(string what) =>
        Of(StatusCodes.Status404NotFound, ProblemCodes.NotFound, $"{what} was not found.");

    public static ProblemHttpResult Forbidden(string detail) =>
        Of(StatusCodes.Status403Forbidden, "forbidden", detail);

    public static ProblemHttpResult Conflict(string code, string detail) =>
        Of(StatusCodes.Status409Conflict, code, detail);

    public static ProblemHttpResult RuleViolated(string rule, string detail) =>
        Of(StatusCodes.Status422UnprocessableEntity, rule, detail);

    public static ProblemHttpResult PreconditionFailed(string detail) =>
        Of(StatusCodes.Status412PreconditionFailed, ProblemCodes.PreconditionFailed, detail);

    public static ProblemHttpResult PreconditionRequired() =>
        Of(StatusCodes.Status428PreconditionRequired, ProblemCodes.PreconditionRequired, "Send the current ETag in If-Match.");

    public static ProblemHttpResult Of(int status, string code, string detail) =>
        TypedResults.Problem(
            statusCode: status,
            detail: detail,
            extensions: new Dictionary<string, object?> { ["code"] = code });
}
