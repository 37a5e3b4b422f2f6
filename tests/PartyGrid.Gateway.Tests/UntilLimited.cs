using System.Net;

namespace PartyGrid.Gateway.Tests;

/// <summary>Sends requests until the gateway refuses one with 429, at most a number of times.</summary>
public static class UntilLimited
{
    /// <returns>The refusal (null if none came) and the status of every request sent.</returns>
    public static async Task<(HttpResponseMessage? Limited, List<HttpStatusCode> Statuses)> SendAsync(int attempts, Func<Task<HttpResponseMessage>> send)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < attempts; i++)
        {
            var response = await send();
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (response, statuses);
            }

            response.Dispose();
        }

        return (null, statuses);
    }
}
