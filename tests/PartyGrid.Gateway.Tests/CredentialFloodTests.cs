using System.Net;
using Xunit;

namespace PartyGrid.Gateway.Tests;

/// <summary>An address that keeps sending bad credentials is refused before anything checks them.</summary>
public sealed class CredentialFloodTests(DefaultEdgeGateway gateway) : IClassFixture<DefaultEdgeGateway>
{
    [Fact]
    public async Task A_flood_of_guessed_api_keys_meets_429_before_authentication()
    {
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 40 && limited is null; i++)
        {
            using var client = gateway.ClientWithKey($"pgk_{Guid.NewGuid():N}{Guid.NewGuid():N}"[..40]);
            var response = await client.GetAsync("/api/v1/tickets");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                limited = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.True(limited is not null, $"no 429 in {string.Join(", ", statuses)}");
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        using (limited)
        {
            await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests, "too-many-failed-credentials");
            Assert.NotNull(limited.Headers.RetryAfter);
        }
    }
}
