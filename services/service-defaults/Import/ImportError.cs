using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace PartyGrid.ServiceDefaults.Import;

/// <summary>Why one row of an import cannot be taken.</summary>
public sealed record ImportError(int Row, string Field, string Message);

public static class ImportProblems
{
    /// <summary>The most rows an import takes; a county's register of several years fits.</summary>
    public const int MaxRows = 100_000;

    /// <summary>The 422 of an import with bad rows: nothing was written, and (up to a thousand of) the rows are named.</summary>
    public static ProblemHttpResult Rejected(IReadOnlyList<ImportError> errors) => TypedResults.Problem(
        statusCode: StatusCodes.Status422UnprocessableEntity,
        title: "The file was not imported.",
        detail: $"{errors.Count} problem(s); nothing was written. The first is in row {errors[0].Row}.",
        extensions: new Dictionary<string, object?> { ["code"] = "import-rejected", ["rows"] = errors.Take(1000).ToList() });

    public static ProblemHttpResult Unreadable(string why) => Problems.Problems.Of(StatusCodes.Status400BadRequest, "unreadable-file", why);

    public static ProblemHttpResult TooManyRows() =>
        Problems.Problems.Of(StatusCodes.Status413PayloadTooLarge, "too-many-rows", $"An import takes at most {MaxRows} rows.");
}
