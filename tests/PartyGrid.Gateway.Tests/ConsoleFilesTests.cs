using System.Net;
using Xunit;

namespace PartyGrid.Gateway.Tests;

/// <summary>The gateway with a built console to serve (a stand-in for <c>web/console/dist</c>).</summary>
public sealed class ConsoleGateway : GatewayHost
{
    public const string Page = "<!doctype html><title>PartyGrid 工作台</title><script type=\"module\" src=\"/assets/index-abc123.js\"></script>";
    public static readonly string Root = Directory.CreateTempSubdirectory("partygrid-console-").FullName;

    static ConsoleGateway()
    {
        Directory.CreateDirectory(Path.Combine(Root, "assets"));
        File.WriteAllText(Path.Combine(Root, "index.html"), Page);
        File.WriteAllText(Path.Combine(Root, "assets", "index-abc123.js"), "console.log('工作台');");
        File.WriteAllText(Path.Combine(Root, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        File.WriteAllText(Path.Combine(Root, ".partygrid-sources"), "build stamp");
    }

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Gateway:ConsoleRoot"] = Root,
        ["Gateway:FailedCredentialsPerMinute"] = "6000000",
    };
}

public sealed class ConsoleFilesTests(ConsoleGateway gateway) : IClassFixture<ConsoleGateway>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/tickets")]
    [InlineData("/tickets/0196a2a0-0000-7000-8000-000000000001")]
    [InlineData("/callback")]
    public async Task Every_route_of_the_console_is_its_page_without_credentials_and_revalidated_each_visit(string path)
    {
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(ConsoleGateway.Page, await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.CacheControl?.NoCache);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hashed_assets_are_cached_for_a_year_and_build_files_are_not_served()
    {
        using var client = gateway.CreateClient();
        using var script = await client.GetAsync("/assets/index-abc123.js");
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), script.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", script.Headers.CacheControl?.Extensions.Select(e => e.Name) ?? []);

        // A dot file of the build and a missing asset fall through to the API's refusal, never a file or the page.
        using var stamp = await client.GetAsync("/.partygrid-sources");
        Assert.NotEqual(HttpStatusCode.OK, stamp.StatusCode);
        Assert.DoesNotContain("build stamp", await stamp.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var missing = await client.GetAsync("/assets/nothing-here.js");
        Assert.NotEqual(HttpStatusCode.OK, missing.StatusCode);
    }

    [Theory]
    [InlineData("/api/v2/tickets")]
    [InlineData("/identity/nothing-here")]
    [InlineData("/openapi/nothing.json")]
    public async Task The_api_s_own_paths_never_answer_with_the_page(string path)
    {
        using var client = gateway.ClientWithToken(GatewayHost.Token(GatewayHost.County, PartyGrid.ServiceDefaults.Identity.Roles.Admin));
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await client.SendAsync(request);
        Assert.NotEqual(ConsoleGateway.Page, await response.Content.ReadAsStringAsync());
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }
}
