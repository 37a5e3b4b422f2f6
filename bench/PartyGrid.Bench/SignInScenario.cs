using System.Diagnostics;
using System.Globalization;
using System.Text;
using PartyGrid.Testing;

namespace PartyGrid.Bench;

/// <summary>
/// Sign-in as the staff console does it, through the gateway: the whole flow (authorize → login page
/// → password → code → tokens), the token endpoint's code exchange within it, and refreshes — each
/// one at a time, p50/p99.
/// </summary>
public static class SignInScenario
{
    public static async Task<string> RunAsync(Uri gateway, string userName, string password, int signIns = 100, int refreshes = 300)
    {
        using var http = new HttpClient { BaseAddress = gateway };
        var console = new ConsoleSignIn(http);
        var tokens = await console.SignInAsync(userName, password);

        var exchanges = new List<double>();
        async Task<ConsoleSignIn.Tokens> TimedExchange(string code, string verifier)
        {
            var started = Stopwatch.GetTimestamp();
            var issued = await console.ExchangeCodeAsync(code, verifier);
            exchanges.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return issued;
        }

        var flow = await Latency.MeasureAsync(signIns, async _ => await console.SignInAsync(userName, password, exchange: TimedExchange));
        var refresh = await Latency.MeasureAsync(refreshes, async _ => tokens = await console.RefreshAsync(tokens.RefreshToken));
        var exchange = exchanges.Order().ToArray();

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"# Sign-in through the gateway ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores)");
        report.AppendLine();
        report.AppendLine("| what | n | p50 (ms) | p99 (ms) | max (ms) |");
        report.AppendLine("|---|---|---|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| whole sign-in: authorize, login page, password, code, tokens | {signIns} | {flow.P50:F1} | {flow.P99:F1} | {flow.Max:F1} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| token endpoint: code + PKCE → tokens | {exchange.Length} | {Percentiles.Of(exchange, 0.5):F1} | {Percentiles.Of(exchange, 0.99):F1} | {exchange[^1]:F1} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| token endpoint: refresh (rotating) | {refreshes} | {refresh.P50:F1} | {refresh.P99:F1} | {refresh.Max:F1} |");
        return report.ToString();
    }
}
