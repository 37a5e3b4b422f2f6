using System.Net;
using Xunit;

namespace PartyGrid.Gateway.Tests;

/// <summary>An address that keeps sending bad credentials is refused before anything checks them.</summary>
public sealed class CredentialFloodTests(DefaultEdgeGateway gateway) : IClassFixture<DefaultEdgeGateway>
{
    [Fact]
    public async Task A_flood_of_guessed_api_keys_meets_429_before_authentication()
    {
        var (limited, statuses) = await UntilLimited.SendAsync(40, async () =>
        {
            using var client = gateway.ClientWithKey($"pgk_{Guid.NewGuid():N}{Guid.NewGuid():N}"[..40]);
            return await client.GetAsync("/api/v1/tickets");
        });

        Assert.True(limited is not null, $"no 429 in {string.Join(", ", statuses)}");
        Assert.All(statuses[..^1], s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        using (limited)
        {
            await Problems.AssertAsync(limited, HttpStatusCode.TooManyRequests, "too-many-failed-credentials");
            Assert.NotNull(limited.Headers.RetryAfter);
        }
    }
}
