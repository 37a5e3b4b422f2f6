using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.Tickets.Catalogue;

namespace PartyGrid.Tickets.Rating;

/// <summary>
/// <c>/rate/{token}</c>, public through the gateway: the page a resident's SMS links to, and the form
/// it posts. A used, expired or forged link says so and changes nothing.
/// </summary>
public static class RatingPageApi
{
    public const int CommentLength = 500;

    public static void MapRatingPage(this IEndpointRouteBuilder app)
    {
        var page = app.MapGroup("/rate").AllowAnonymous().ExcludeFromDescription();
        page.MapGet("/assets/rating.css", () => TypedResults.Text(RatingPageHtml.Stylesheet, "text/css; charset=utf-8"));
        page.MapGet("/{token}", Show);
        page.MapPost("/{token}", Submit).DisableAntiforgery();
    }

    private static async Task<IResult> Show(string token, TicketsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, token, cancellationToken) is not { } ticket)
        {
            return Forged();
        }

        return Refusal(ticket, time.GetUtcNow())
               ?? Html(StatusCodes.Status200OK, RatingPageHtml.Form(ticket.Title, await SiteAsync(db, ticket, cancellationToken), $"/rate/{token}"));
    }

    private static async Task<IResult> Submit(
        string token, HttpRequest request, TicketsDbContext db, TicketReferenceData reference, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, token, cancellationToken) is not { } ticket)
        {
            return Forged();
        }

        var now = time.StoredNow();
        if (Refusal(ticket, now) is { } refusal)
        {
            return refusal;
        }

        var form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : null;
        var comment = form?["comment"].ToString().Trim() is { Length: > 0 } c ? c : null;
        if (!int.TryParse(form?["score"], out var score) || score is < 1 or > 5 || comment?.Length > CommentLength)
        {
            var error = comment?.Length > CommentLength ? $"意见建议请不超过 {CommentLength} 字" : "请选择满意度（1–5）";
            return Html(StatusCodes.Status400BadRequest, RatingPageHtml.Form(ticket.Title, await SiteAsync(db, ticket, cancellationToken), $"/rate/{token}", error));
        }

        var snapshot = await reference.CurrentAsync(cancellationToken);
        ticket.RateThroughLink(score, comment, new TicketClock(snapshot.Calendar, ticket.Deadlines, ticket.Priority), now);
        db.Publish(ticket.ToEvent(), now);
        if (await db.SaveOrProblemAsync(cancellationToken) is not null)
        {
            // Another submission through the same link won the race.
            return Used();
        }

        return Html(StatusCodes.Status200OK, score <= 2
            ? RatingPageHtml.Result("感谢您的评价", "您的意见已收到，该事项已交办理单位重新整改，整改后会再次请您评价。", "rating-result")
            : RatingPageHtml.Result("感谢您的评价", "您的评价已记录，感谢您对党群服务工作的支持。", "rating-result"));
    }

    private static Task<Ticket?> FindAsync(TicketsDbContext db, string token, CancellationToken cancellationToken)
    {
        if (token.Length is < 20 or > 100)
        {
            return Task.FromResult<Ticket?>(null);
        }

        var hash = Ticket.HashOf(token);
        return db.Tickets.FirstOrDefaultAsync(t => t.RatingLinkHash == hash, cancellationToken);
    }

    private static async Task<string> SiteAsync(TicketsDbContext db, Ticket ticket, CancellationToken cancellationToken) =>
        await db.Organisations.Where(o => o.Id == (ticket.ResolvedOrganisationId ?? ticket.CurrentOrganisationId)).Select(o => o.Name).SingleOrDefaultAsync(cancellationToken)
        ?? string.Empty;

    private static IResult? Refusal(Ticket ticket, DateTimeOffset now) => ticket.RatingLinkStateAt(now) switch
    {
        RatingLinkState.Used => Used(),
        RatingLinkState.Expired => Html(StatusCodes.Status410Gone, RatingPageHtml.Result("评价链接已过期", "该事项已超过评价期限，如有意见请联系办理单位。", "rating-refused")),
        _ => null,
    };

    private static IResult Used() =>
        Html(StatusCodes.Status409Conflict, RatingPageHtml.Result("该事项已评价", "此评价链接已使用，每条链接只能评价一次。感谢您的参与。", "rating-refused"));

    private static IResult Forged() =>
        Html(StatusCodes.Status404NotFound, RatingPageHtml.Result("链接无效", "未找到对应的评价，请核对短信中的链接。", "rating-refused"));

    private static IResult Html(int status, string html) => TypedResults.Text(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
