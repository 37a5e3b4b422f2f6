using Microsoft.AspNetCore.Http;

namespace PartyGrid.ServiceDefaults.Problems;

/// <summary>The stable <c>code</c> of a problem when the endpoint did not name a more specific one.</summary>
public static class ProblemCodes
{
    public const string Validation = "validation-failed";
    public const string NotFound = "not-found";
    public const string Conflict = "conflict";
    public const string PreconditionFailed = "precondition-failed";
    public const string PreconditionRequired = "precondition-required";

    public static string ForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status401Unauthorized => "unauthenticated",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status409Conflict => Conflict,
        StatusCodes.Status412PreconditionFailed => PreconditionFailed,
        StatusCodes.Status413PayloadTooLarge => "payload-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status422UnprocessableEntity => "rule-violated",
        StatusCodes.Status428PreconditionRequired => PreconditionRequired,
        StatusCodes.Status429TooManyRequests => "rate-limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ when status >= 500 => "internal-error",
        _ => "error",
    };
}
