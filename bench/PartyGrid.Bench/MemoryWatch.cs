namespace PartyGrid.Bench;

/// <summary>Samples the resident memory of every PartyGrid process once a second and keeps each one's peak.</summary>
public sealed class MemoryWatch(BenchApp app) : IAsyncDisposable
{
    private static readonly string[] Servers = ["postgres", "rabbitmq-server"];

    private readonly Dictionary<string, long> peaks = [];
    private readonly CancellationTokenSource stopping = new();
    private Task? sampling;

    public static IEnumerable<string> Processes => BenchApp.Services.Concat(Servers);

    public static bool IsServer(string process) => Servers.Contains(process);

    public Dictionary<string, long> Sample() => Processes.ToDictionary(p => p, p =>
        IsServer(p) ? ProcessMemory.TreeBytes(app.ProcessOf(p)) : ProcessMemory.ServiceBytes(app.ProcessOf(p)));

    public Dictionary<string, (long Anonymous, long Shared, long Files)> Composition() =>
        BenchApp.Services.ToDictionary(s => s, s => ProcessMemory.ServiceComposition(app.ProcessOf(s)));

    /// <summary>Each process's peak since the last call (or since <see cref="Start"/>), and starts a new phase.</summary>
    public IReadOnlyDictionary<string, long> TakePeaks()
    {
        lock (peaks)
        {
            var phase = new Dictionary<string, long>(peaks);
            peaks.Clear();
            return phase;
        }
    }

    public void Start() => sampling = Task.Run(async () =>
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await timer.WaitForNextTickAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = Sample();
            lock (peaks)
            {
                foreach (var (process, bytes) in now)
                {
                    peaks[process] = Math.Max(peaks.GetValueOrDefault(process), bytes);
                }
            }
        }
    });

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (sampling is not null)
        {
            await sampling;
        }

        stopping.Dispose();
    }
}
