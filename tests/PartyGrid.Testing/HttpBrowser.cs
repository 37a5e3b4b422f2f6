using System.Net;
using System.Text.RegularExpressions;

namespace PartyGrid.Testing;

/// <summary>
/// What a browser does with the sign-in pages, over plain HTTP: keeps cookies, follows redirects
/// (stopping at the client's redirect address, where the code is), and posts forms back with their
/// anti-forgery token.
/// </summary>
public sealed partial class HttpBrowser : IDisposable
{
    private readonly HttpClient http;
    private readonly string stopAt;

    public HttpBrowser(Uri gateway, string stopAt)
    {
        this.stopAt = stopAt;
        http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer(), UseCookies = true })
        {
            BaseAddress = gateway,
        };
    }

    public Uri Current { get; private set; } = new("about:blank");

    public HttpStatusCode Status { get; private set; }

    public string Html { get; private set; } = string.Empty;

    /// <summary>The address the identity service finally sent the browser to, when it was the client's.</summary>
    public Uri? Arrived { get; private set; }

    public Task GoAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Posts the current page's form with these fields (and its anti-forgery token).</summary>
    public Task SubmitAsync(IReadOnlyDictionary<string, string> fields, string? handler = null)
    {
        var form = new Dictionary<string, string>(fields);
        if (AntiForgeryToken().Match(Html) is { Success: true } token)
        {
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        var target = handler is null ? Current.PathAndQuery : $"{Current.AbsolutePath}?handler={handler}";
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, target) { Content = new FormUrlEncodedContent(form) });
    }

    /// <summary>The text of the element with this <c>data-testid</c>.</summary>
    public string? Text(string testId) =>
        Regex.Match(Html, $"data-testid=\"{Regex.Escape(testId)}\"[^>]*>([^<]*)<") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value).Trim() : null;

    public bool Shows(string testId) => Html.Contains($"data-testid=\"{testId}\"", StringComparison.Ordinal);

    public void Dispose() => http.Dispose();

    private async Task SendAsync(HttpRequestMessage request)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            using var response = await http.SendAsync(request);
            Current = request.RequestUri!.IsAbsoluteUri ? request.RequestUri : new Uri(http.BaseAddress!, request.RequestUri);
            Status = response.StatusCode;
            Html = await response.Content.ReadAsStringAsync();
            request.Dispose();
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is not { } location)
            {
                return;
            }

            var next = location.IsAbsoluteUri ? location : new Uri(Current, location);
            if (next.ToString().StartsWith(stopAt, StringComparison.Ordinal))
            {
                Arrived = next;
                return;
            }

            request = new HttpRequestMessage(HttpMethod.Get, next);
        }

        throw new InvalidOperationException($"Too many redirects from {Current}.");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiForgeryToken();
}
