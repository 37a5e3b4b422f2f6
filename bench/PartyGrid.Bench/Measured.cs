namespace PartyGrid.Bench;

/// <summary>A figure as measured, or why it is missing: one scenario that fails is reported as missing and never loses the others.</summary>
public sealed record Measured<T>(T? Value, string? Missing)
{
    public string Show(Func<T, string> format) => Missing is null ? format(Value!) : $"missing: {Missing}";
}

public static class Measured
{
    public static async Task<Measured<T>> TryAsync<T>(string what, Func<Task<T>> measure)
    {
        try
        {
            return new(await measure(), null);
        }
        catch (Exception ex)
        {
            Console.WriteLine($"{what} failed, reported as missing: {ex}");
            var reason = ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
            return new(default, $"{ex.GetType().Name}: {(reason.Length > 200 ? reason[..200] + " …" : reason)} (the run's output has the rest)");
        }
    }
}
