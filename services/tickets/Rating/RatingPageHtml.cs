using System.Text;
using System.Text.Encodings.Web;

namespace PartyGrid.Tickets.Rating;

/// <summary>
/// The resident's rating page: plain HTML for a phone, no script, its own stylesheet, in zh-CN. It
/// names the matter by its title and the site that settled it, and nothing else of the ticket.
/// </summary>
public static class RatingPageHtml
{
    public const string StylesheetPath = "/rate/assets/rating.css";

    public static readonly IReadOnlyList<string> ScoreLabels = ["非常不满意", "不满意", "一般", "满意", "非常满意"];

    public static string Form(string title, string site, string action, string? error = null)
    {
        var body = new StringBuilder();
        body.Append("<h1>请评价本次办理</h1>");
        body.Append($"<p class=\"matter\" data-testid=\"rating-title\">{Html(title)}</p>");
        body.Append($"<p class=\"site\" data-testid=\"rating-site\">办理单位：{Html(site)}</p>");
        if (error is not null)
        {
            body.Append($"<p class=\"error\" role=\"alert\" data-testid=\"rating-error\">{Html(error)}</p>");
        }

        body.Append($"<form method=\"post\" action=\"{Html(action)}\"><fieldset><legend>满意度</legend>");
        for (var score = 5; score >= 1; score--)
        {
            body.Append($"<label data-testid=\"rating-score-{score}\"><input type=\"radio\" name=\"score\" value=\"{score}\" required> {ScoreLabels[score - 1]}</label>");
        }

        body.Append("</fieldset><label for=\"comment\">意见建议（选填）</label>");
        body.Append("<textarea id=\"comment\" name=\"comment\" maxlength=\"500\" rows=\"4\" data-testid=\"rating-comment\"></textarea>");
        body.Append("<button type=\"submit\" data-testid=\"rating-submit\">提交评价</button></form>");
        return Page("评价", body.ToString());
    }

    public static string Result(string heading, string message, string testId) =>
        Page(heading, $"<h1>{Html(heading)}</h1><p data-testid=\"{testId}\">{Html(message)}</p>");

    private static string Page(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + $"<meta name=\"robots\" content=\"noindex\"><title>{Html(title)} · 党群服务</title><link rel=\"stylesheet\" href=\"{StylesheetPath}\"></head>"
        + $"<body><main>{body}</main></body></html>";

    // Chinese written as itself, not as character references: the page is UTF-8.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    private static string Html(string text) => Encoder.Encode(text);

    public const string Stylesheet = """
        body { margin: 0; font: 16px/1.6 system-ui, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f2329; background: #f5f6f7; }
        main { max-width: 32rem; margin: 0 auto; padding: 1rem; background: #fff; min-height: 100vh; box-sizing: border-box; }
        h1 { font-size: 1.25rem; color: #c8161d; }
        .matter { font-weight: 600; }
        .site { color: #4e5969; }
        .error { color: #b42318; background: #fef3f2; padding: .5rem .75rem; border-radius: 4px; }
        fieldset { border: 0; padding: 0; margin: 1rem 0; }
        legend { font-weight: 600; margin-bottom: .5rem; }
        fieldset label { display: block; padding: .75rem; margin: .25rem 0; border: 1px solid #d0d5dd; border-radius: 6px; }
        textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem; border: 1px solid #d0d5dd; border-radius: 6px; }
        button { width: 100%; margin-top: 1rem; padding: .875rem; font: inherit; font-weight: 600; color: #fff; background: #c8161d; border: 0; border-radius: 6px; }
        """;
}
