namespace PartyGrid.Tickets.Open311;

/// <summary>An Open311 answer in the format the path asked for, errors as the spec writes them.</summary>
public sealed class Open311Answer(int status, string root, Open311Node body, string format) : IResult
{
    public static Open311Answer Ok(string root, Open311Node body, string format) => new(StatusCodes.Status200OK, root, body, format);

    /// <summary><c>&lt;errors&gt;&lt;error&gt;&lt;code/&gt;&lt;description/&gt;&lt;/error&gt;&lt;/errors&gt;</c>, or a bare JSON array of them; XML where the format is unknown.</summary>
    public static Open311Answer Error(int status, string description, string format) => Errors(status, [description], format);

    /// <summary>One <c>error</c> per description, all under the same status.</summary>
    public static Open311Answer Errors(int status, IEnumerable<string> descriptions, string format) => new(
        status,
        "errors",
        new Open311List("error", [.. descriptions.Select(d => new Open311Object([("code", new Open311Number(status)), ("description", new Open311Text(d))]))]),
        Open311Formats.IsKnown(format) ? format : Open311Formats.Xml);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = status;
        httpContext.Response.ContentType = Open311Formats.MediaType(format);
        await httpContext.Response.WriteAsync(Open311Formats.Render(root, body, format), httpContext.RequestAborted);
    }
}
