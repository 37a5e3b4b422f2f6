namespace PartyGrid.Bench;

internal static class Percentiles
{
    /// <summary>The nearest-rank percentile of samples sorted ascending.</summary>
    public static double Of(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, Math.Max(0, (int)Math.Ceiling(p * sorted.Length) - 1))];
}
