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
            return new(default, $"{ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
        }
    }
}
