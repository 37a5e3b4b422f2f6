namespace PartyGrid.Testing;

/// <summary>
/// Polls a condition that other processes make true (a consumer catching up), failing with the last
/// observed value when the deadline passes. This waits for an outcome, not for a fixed time.
/// </summary>
public static class Eventually
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan? within = null, string? what = null, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(30));
        T last;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                last = default!;
                lastError = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what ?? "Condition"} not reached in time; last value: {last}{(context is null ? string.Empty : Environment.NewLine + context())}", lastError);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }
}
