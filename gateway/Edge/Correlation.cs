using System.Diagnostics;
using System.Text.RegularExpressions;

namespace PartyGrid.Gateway.Edge;

/// <summary>
/// <c>X-Correlation-Id</c>: the caller's own id when it sends a sensible one, else the W3C trace id
/// of the request. It is echoed in the answer, forwarded to the service, and tagged on the trace, so
/// a partner's support ticket leads straight to the trace in the dashboard.
/// </summary>
public static partial class Correlation
{
    public const string Header = "X-Correlation-Id";

    public static IApplicationBuilder UseCorrelation(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var sent = context.Request.Headers[Header].ToString();
            var id = Acceptable().IsMatch(sent) ? sent : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
            context.Request.Headers[Header] = id;
            Activity.Current?.SetTag("partygrid.correlation_id", id);
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Header] = id;
                return Task.CompletedTask;
            });
            await next(context);
        });

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$")]
    private static partial Regex Acceptable();
}
