using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace PartyGrid.Bench;

/// <summary>
/// Every scenario in one run (<c>bench/run.sh</c>): starts PartyGrid itself, measures each figure and
/// the baseline it is compared with in the same run, on the same servers, and writes one report.
/// </summary>
public static class Harness
{
    private const int PgbenchSeconds = 20;
    private const int RawMessages = 20_000;

    /// <summary>The trace sampling ratio of the second intake phase; the first keeps every trace, as the run command does.</summary>
    public const double SampledRatio = 0.1;

    public static async Task<string> RunAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var figures = await MeasureAsync();
        Console.WriteLine($"intake again with {SampledRatio:P0} of traces kept (PartyGrid restarted) …");
        var sampled = await Measured.TryAsync("intake with sampled traces", SampledIntakeAsync);
        return Report(figures with { Sampled = sampled, Took = Stopwatch.GetElapsedTime(started) });
    }

    /// <summary>The intake rounds again on a PartyGrid that exports a tenth of its traces (errors always).</summary>
    private static async Task<SampledIntake> SampledIntakeAsync()
    {
        await using var app = await BenchApp.StartAsync(string.Create(CultureInfo.InvariantCulture, $"--Telemetry:TraceSampleRatio={SampledRatio}"));
        await Quiet.WaitAsync(app, TimeSpan.FromMinutes(45));
        using var admin = await app.AdminAsync();
        var tree = await BenchCounty.CreateAsync(admin, $"S{DateTime.UtcNow:MMddHHmmss}");
        var staffToken = await BenchHttp.TokenAsync(admin, tree.Township, "staff");
        var cpu = new ProcessCpu(app);
        var before = cpu.Sample();
        var since = DateTimeOffset.UtcNow;
        var rounds = await TicketsScenario.RoundsAsync(app.Gateway, app.Tickets, staffToken, tree);
        await ChangeToScorecard.CaughtUpAsync(await app.ConnectionStringAsync("tickets"), await app.ConnectionStringAsync("assessment"), since, TimeSpan.FromMinutes(15));
        var used = ProcessCpu.Between(before, cpu.Sample());
        return new SampledIntake(
            rounds.Where(r => r.Path == "gateway").Max(r => r.Result.PerSecond),
            rounds.Where(r => r.Path == "direct").Max(r => r.Result.PerSecond),
            used[ProcessCpu.Everything] * 1000 / TicketsScenario.RoundsRequests);
    }

    private sealed record SampledIntake(double GatewayPeak, double DirectPeak, double CpuMsPerTicket);

    private static async Task<Figures> MeasureAsync()
    {
        Console.WriteLine("starting PartyGrid (Aspire AppHost, local mode) …");
        await using var app = await BenchApp.StartAsync();
        Console.WriteLine("waiting until PartyGrid is quiet (what an earlier run left in flight) …");
        var settled = await Quiet.WaitAsync(app, TimeSpan.FromMinutes(45));
        await using var memory = new MemoryWatch(app);
        var atRest = memory.Sample();

        using var admin = await app.AdminAsync();
        var tree = await BenchCounty.CreateAsync(admin, $"H{DateTime.UtcNow:MMddHHmmss}");
        var staffToken = await BenchHttp.TokenAsync(admin, tree.Township, "staff");
        var ticketsDb = await app.ConnectionStringAsync("tickets");
        var assessmentDb = await app.ConnectionStringAsync("assessment");

        Console.WriteLine("pgbench baseline …");
        var serverConnection = app.ServerConnection;
        var pgbench = await PgbenchBaseline.RunAsync(serverConnection, app.PostgresPort, BenchApp.PostgresPassword, TicketsScenario.Concurrency, PgbenchSeconds);

        Console.WriteLine("intake rounds, direct and through the gateway …");
        memory.Start();
        var cpu = new ProcessCpu(app);
        await PostgresStatements.ResetAsync(serverConnection);
        var cpuBefore = cpu.Sample();
        var roundsSince = DateTimeOffset.UtcNow;
        var rounds = await TicketsScenario.RoundsAsync(app.Gateway, app.Tickets, staffToken, tree);
        var directPeak = rounds.Where(r => r.Path == "direct").Max(r => r.Result.PerSecond);
        var gatewayPeak = rounds.Where(r => r.Path == "gateway").Max(r => r.Result.PerSecond);

        Console.WriteLine("waiting for assessment to take the rounds' ticket changes …");
        var drained = await ChangeToScorecard.CaughtUpAsync(ticketsDb, assessmentDb, roundsSince, TimeSpan.FromMinutes(15));
        var intakeCpu = ProcessCpu.Between(cpuBefore, cpu.Sample());
        var intakeStatements = await PostgresStatements.TopAsync(serverConnection, 25, TicketsScenario.RoundsRequests);

        Console.WriteLine("fair baseline: pgbench replaying one intake's and one projection's statements …");
        var fair = await Measured.TryAsync("fair baseline", () => FairBaseline.RunAsync(app, tree, TicketsScenario.Concurrency, PgbenchSeconds));

        Console.WriteLine($"steady intake, open loop, at rising fractions of the gateway's peak ({gatewayPeak:N0}/s), each from a settled system …");
        var settles = new List<TimeSpan>();
        var ladder = await RateLadder.ClimbAsync(
            gatewayPeak,
            cpu,
            async () => settles.Add(await SettleAsync(app, serverConnection)),
            rate => TicketsScenario.SteadyAsync(app.Gateway, staffToken, tree, rate),
            since => ChangeToScorecard.MeasureAsync(ticketsDb, assessmentDb, since, TimeSpan.FromMinutes(5)));
        var intakePeaks = memory.TakePeaks();
        var composition = memory.Composition();

        Console.WriteLine("messaging: raw RabbitMQ.Client baseline, then the block (outbox → broker → inbox) …");
        var raw = await Measured.TryAsync("raw RabbitMQ baseline", async () => await RabbitBaseline.MessagesPerSecondAsync(await app.RabbitMqAsync(), RawMessages, 700));
        var block = await Measured.TryAsync("messaging block", () => RepublishAsync(admin, ticketsDb, assessmentDb));
        var republishPeaks = memory.TakePeaks();

        Console.WriteLine("province: scorecards and leagues (generating the province on first use) …");
        var province = await Measured.TryAsync("province scorecards", () => AssessmentScenario.RunAsync(app.Gateway, assessmentDb));
        Console.WriteLine("province: organisation subtrees (importing the province on first use) …");
        var subtree = await Measured.TryAsync("organisation subtrees", async () => await OrganisationsScenario.RunAsync(
            app.Gateway,
            OrganisationsScenario.HarnessProvince,
            reuse: await OrganisationsScenario.ImportedAsync(admin, OrganisationsScenario.HarnessProvince),
            settle: () => Quiet.WaitAsync(app, TimeSpan.FromMinutes(45))));

        return new Figures(
            settled, pgbench, fair, rounds, directPeak, gatewayPeak, drained, settles.Max(), intakeCpu, intakeStatements, ladder, raw, block, atRest, intakePeaks, republishPeaks, composition,
            province, subtree);
    }

    /// <summary>
    /// Before each step of the rate ladder: nothing left in flight (the changes reach notifications too, not
    /// only assessment), then a checkpoint, so that the step does not pay for writing out the pages the
    /// rounds, the fair baseline's 40 s of pgbench or the step before dirtied (a steady-state run writes out only its own).
    /// </summary>
    private static async Task<TimeSpan> SettleAsync(BenchApp app, string serverConnection)
    {
        var quiet = await Quiet.WaitAsync(app, TimeSpan.FromMinutes(15));
        await using var connection = new NpgsqlConnection(serverConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
        return quiet;
    }

    /// <summary>
    /// The messaging block end to end: tickets stages a snapshot of every ticket in its outbox, the
    /// dispatcher publishes them with confirms, assessment consumes each in a transaction with its inbox
    /// row. Messages per second from the request until the last is in assessment's inbox.
    /// </summary>
    private static async Task<(int Messages, double PerSecond)> RepublishAsync(HttpClient admin, string ticketsDb, string assessmentDb)
    {
        var tickets = await ScalarAsync(ticketsDb, "SELECT count(*) FROM tickets");
        var before = await ScalarAsync(assessmentDb, "SELECT count(*) FROM inbox_messages");
        var started = Stopwatch.GetTimestamp();
        using (var response = await admin.PostAsync("/api/v1/tickets/snapshots/republish", null))
        {
            response.EnsureSuccessStatusCode();
        }

        while (await ScalarAsync(assessmentDb, "SELECT count(*) FROM inbox_messages") < before + tickets)
        {
            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(15))
            {
                throw new TimeoutException("The republished snapshots did not all reach assessment within 15 minutes.");
            }

            await Task.Delay(250);
        }

        return ((int)tickets, tickets / Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record Figures(
        TimeSpan Settled,
        PgbenchBaseline.Result Pgbench,
        Measured<FairBaseline.Result> Fair,
        List<(string Path, Load.Result Result)> Rounds,
        double DirectPeak,
        double GatewayPeak,
        TimeSpan Drained,
        TimeSpan LongestSettle,
        Dictionary<string, double> IntakeCpu,
        string IntakeStatements,
        List<RateLadder.Step> Ladder,
        Measured<double> RawMessagesPerSecond,
        Measured<(int Messages, double PerSecond)> Block,
        Dictionary<string, long> AtRest,
        IReadOnlyDictionary<string, long> UnderIntake,
        IReadOnlyDictionary<string, long> UnderRepublish,
        Dictionary<string, (long Anonymous, long Shared, long Files)> Composition,
        Measured<AssessmentScenario.Result> Province,
        Measured<string> Subtree)
    {
        public Measured<SampledIntake> Sampled { get; init; } = new(null, "not run");

        public TimeSpan Took { get; init; }

        /// <summary>The whole machine's CPU per ticket over the intake rounds (assessment's catch-up included).</summary>
        public double IntakeCpuMsPerTicket => IntakeCpu.GetValueOrDefault(ProcessCpu.Everything) * 1000 / TicketsScenario.RoundsRequests;
    }

    private static string Report(Figures f)
    {
        static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture);
        static string Met(bool met) => met ? "met" : "**not met**";
        var intakeRatio = f.GatewayPeak / f.Pgbench.TransactionsPerSecond;
        var gatewayRatio = f.GatewayPeak / f.DirectPeak;
        var services = BenchApp.Services;
        var worstService = services.Max(s => Math.Max(f.UnderIntake.GetValueOrDefault(s), f.UnderRepublish.GetValueOrDefault(s)));
        var rounds = string.Join("\n", f.Rounds.Select(r =>
            $"| {r.Path} | {r.Result.Operations:N0} | {r.Result.PerSecond:N0}/s | {r.Result.P50:F1} | {r.Result.P99:F1} | {r.Result.Max:F1} | {r.Result.Failures} |"));
        var memoryRows = string.Join("\n", MemoryWatch.Processes.Select(p =>
            $"| {p} | {Mb(f.AtRest.GetValueOrDefault(p))} | {Mb(f.UnderIntake.GetValueOrDefault(p))} | {Mb(f.UnderRepublish.GetValueOrDefault(p))} |"));
        var cpuRows = string.Join("\n", ProcessCpu.Rows.Select(p =>
            $"| {p} | {f.IntakeCpu.GetValueOrDefault(p):N1} | {f.IntakeCpu.GetValueOrDefault(p) * 1000 / TicketsScenario.RoundsRequests:F2} |"));
        var compositionRows = string.Join("\n", BenchApp.Services.Select(s => f.Composition[s] is var c
            ? $"| {s} | {Mb(c.Anonymous + c.Shared + c.Files)} | {Mb(c.Anonymous)} | {Mb(c.Shared)} | {Mb(c.Files)} |"
            : string.Empty));
        var half = f.Ladder.Single(s => s.Fraction == RateLadder.HalfPeak);
        var held = RateLadder.HighestHeld(f.Ladder);
        var within50 = RateLadder.HighestWithin(f.Ladder, 50);
        var ladderRows = string.Join("\n", f.Ladder.Select(s =>
            $"| {s.Intake.Rate:N0}/s | {s.Fraction:P0} | {s.Intake.AchievedRate:N0}/s | {s.Intake.P50:F1} | {s.Intake.P99:F1} | {s.Intake.Max:F0} | {s.Intake.Failures} | {s.Intake.Late} | {s.Lag.Show(l => $"{l.P50:F0} / {l.P99:F0}")} | {s.BusyCores:F2} | {s.PartyGridCores:F2} | {s.LoadGeneratorCores:F2} | {s.BusyCores - s.PartyGridCores - s.LoadGeneratorCores:F2} | {(s.Held ? "yes" : "no")} |"));
        var configuration =
#if DEBUG
            "Debug";
#else
            "Release";
#endif

        var report = new StringBuilder($"""
            # PartyGrid benchmark — {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.MachineName}

            `bench/run.sh` (one command: `dotnet run -c Release --project bench/PartyGrid.Bench -- all`), {f.Took.TotalMinutes:F0} min.

            ## Machine

            - {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}
            - PartyGrid as `./run.sh` starts it (Aspire AppHost, `local` mode: PostgreSQL and RabbitMQ from Debian packages as executables, durable PostgreSQL), services built {configuration}, data in `{BenchApp.DataDirectory}`
            - load generator, servers, identity, six domain services and the gateway all on this machine
            - measured from a quiet system: after start, {f.Settled.TotalSeconds:F0} s until no outbox row was unsent and no queue had a ready message

            ## Goals

            | figure | measured | baseline (same run) | ratio | goal | |
            |---|---|---|---|---|---|
            | ticket intake through the gateway ({TicketsScenario.Concurrency} clients) vs the fair baseline | {f.GatewayPeak:N0}/s | {f.Fair.Show(b => $"pgbench replaying one intake's and one projection's statements, {b.Intake.Clients} clients: intake {b.Intake.TransactionsPerSecond:N0}/s, projection {b.Projection.TransactionsPerSecond:N0}/s, so {b.TicketsPerSecond:N0} tickets/s")} | {f.Fair.Show(b => (f.GatewayPeak / b.TicketsPerSecond).ToString("P0", CultureInfo.InvariantCulture))} | ≥ 40 % | {f.Fair.Show(b => Met(f.GatewayPeak / b.TicketsPerSecond >= 0.4))} |
            | ticket intake through the gateway vs one bare insert | {f.GatewayPeak:N0}/s | pgbench single-row INSERT transactions, {f.Pgbench.Clients} clients: {f.Pgbench.TransactionsPerSecond:N0}/s | {intakeRatio:P0} | (report) | |
            | gateway vs direct (intake) | {f.GatewayPeak:N0}/s | direct to the tickets service: {f.DirectPeak:N0}/s | {gatewayRatio:P0} | ≥ 90 % | {Met(gatewayRatio >= 0.90)} |
            | intake p99 at half the peak ({half.Intake.Rate:N0}/s offered, {half.Intake.AchievedRate:N0}/s achieved, {half.Intake.Failures} failed; ladder below) | {half.Intake.P99:F1} ms (p50 {half.Intake.P50:F1}) | — | — | ≤ 50 ms | {Met(half.Intake.P99 <= 50)} |
            | highest steady rate with intake p99 ≤ 50 ms | {(within50 is null ? "none of the ladder's steps" : $"{within50.Intake.Rate:N0}/s ({within50.Fraction:P0} of the peak), p99 {within50.Intake.P99:F1} ms")} | the gateway's peak: {f.GatewayPeak:N0}/s | {(within50 is null ? "—" : (within50.Intake.Rate / f.GatewayPeak).ToString("P0", CultureInfo.InvariantCulture))} | (report) | |
            | ticket change → scorecard at the highest steady rate the machine held ({(held is null ? "no step held" : $"{held.Intake.Rate:N0}/s, {held.Fraction:P0} of the peak")}) | {(held is null ? "—" : held.Lag.Show(l => $"p50 {l.P50:F0} ms, p99 {l.P99:F0} ms (max {l.Max:F0}; {l.Events:N0} changes)"))} | — | — | p99 ≤ 1 s at 500/s | {(held is null ? Met(false) : held.Lag.Show(l => l.P99 <= 1000 && held.Intake.Rate >= 500 ? "met" : l.P99 <= 1000 ? $"**not met**: p99 ≤ 1 s held at {held.Intake.Rate:N0}/s, 500/s not reached" : "**not met**"))} |
            | events through the messaging block (outbox → RabbitMQ → inbox + projection){f.Block.Show(b => $", {b.Messages:N0} snapshots")} | {f.Block.Show(b => $"{b.PerSecond:N0}/s")} | raw RabbitMQ.Client, confirms + acks, persistent, {RawMessages:N0} × 700 B: {f.RawMessagesPerSecond.Show(r => $"{r:N0}/s")} | {(f.Block.Missing is null && f.RawMessagesPerSecond.Missing is null ? (f.Block.Value.PerSecond / f.RawMessagesPerSecond.Value).ToString("P0", CultureInfo.InvariantCulture) : "—")} | (report) | |
            | largest service resident memory under load | {Mb(worstService)} MB | — | — | ≤ 250 MB | {Met(worstService <= 250L * 1024 * 1024)} |
            | scorecard on the province (slowest of village, township, county; rows below) | {f.Province.Show(p => $"p99 {p.ScorecardP99:F1} ms")} | — | — | ≤ 100 ms | {f.Province.Show(p => Met(p.ScorecardP99 <= 100))} |
            | league on the province (slowest of county, province; rows below) | {f.Province.Show(p => $"p99 {p.LeagueP99:F1} ms")} | — | — | ≤ 200 ms | {f.Province.Show(p => Met(p.LeagueP99 <= 200))} |

            ## Telemetry settings

            Every figure above with every trace exported to the dashboard, as `./run.sh` runs. The intake rounds
            again after a restart with `--Telemetry:TraceSampleRatio={SampledRatio.ToString(CultureInfo.InvariantCulture)}` (new traces kept at that ratio, a caller's
            decision followed, every span ending in error kept): {f.Sampled.Show(s => $"gateway {s.GatewayPeak:N0}/s, direct {s.DirectPeak:N0}/s, {s.CpuMsPerTicket:F2} ms of whole-machine CPU per ticket (rounds and assessment's catch-up), against {f.GatewayPeak:N0}/s, {f.DirectPeak:N0}/s and {f.IntakeCpuMsPerTicket:F2} ms with every trace")}.

            ## Intake rounds (closed loop, {TicketsScenario.Concurrency} clients, POST /api/v1/tickets as township staff, spread over {BenchCounty.VillageCount} villages)

            | path | requests | throughput | p50 ms | p99 ms | max ms | failures |
            |---|---|---|---|---|---|---|
            {rounds}

            pgbench, one bare insert: {f.Pgbench.TransactionsPerSecond:N0} tps, average latency {f.Pgbench.LatencyMs:F2} ms ({f.Pgbench.Cpu}), {f.Pgbench.Clients} clients for {f.Pgbench.Seconds} s.
            Fair baseline (`bench/PartyGrid.Bench/FairBaseline.cs`, after the rounds, in clones of the two databases): {f.Fair.Show(b => $"intake transaction {b.Intake.TransactionsPerSecond:N0} tps ({b.Intake.LatencyMs:F2} ms; {b.Intake.Cpu}), projection transaction {b.Projection.TransactionsPerSecond:N0} tps ({b.Projection.LatencyMs:F2} ms; {b.Projection.Cpu}), {b.Intake.Clients} clients for {b.Intake.Seconds} s each; so {b.CpuMsPerTicket:F2} ms of the machine's CPU per ticket for its statements alone, against PartyGrid's {f.IntakeCpuMsPerTicket:F2} ms over the intake rounds (table below), which batches the projection")}.
            After the rounds, assessment took {f.Drained.TotalSeconds:F0} s to finish their ticket changes.

            ## Steady intake by rate (open loop, {TicketsScenario.SteadyFor.TotalSeconds:F0} s a step through the gateway, latency counted from when each submission was due)

            Each step starts from a settled system: PartyGrid quiet (no unsent outbox row, no ready message; the longest
            wait was {f.LongestSettle.TotalSeconds:F0} s), then a PostgreSQL `CHECKPOINT`, so a step pays for no earlier step's backlog or written
            pages. A step is held when every submission was accepted at the offered rate (≥ 97 %), none waited for a free
            slot (512 in flight), intake p99 stayed within {RateLadder.HeldP99Ms:N0} ms and assessment took every change; the ladder stops at the
            first step not held from half the peak on. Cores busy: CPU seconds per second while the step's load was
            offered, of the whole machine (2 cores = 2.00), of PartyGrid's services and servers, of the load generator, and
            the rest (the Aspire dashboard taking every span, DCP and its proxies, the kernel).

            | offered | of the peak | achieved | p50 ms | p99 ms | max ms | failed | waited for a slot | change → scorecard p50 / p99 ms | cores busy: machine | PartyGrid | load generator | rest | held |
            |---|---|---|---|---|---|---|---|---|---|---|---|---|---|
            {ladderRows}

            ## CPU during the intake rounds ({TicketsScenario.RoundsRequests:N0} submissions, warm-up rounds and assessment's catch-up included)

            | process | CPU s | CPU ms per ticket |
            |---|---|---|
            {cpuRows}

            ## PostgreSQL statements during the intake rounds (pg_stat_statements, costliest 25)

            {f.IntakeStatements}

            ## Resident memory (MB; services: the service process's RSS; servers: PSS of all their processes)

            | process | at rest (after start) | peak during intake (rounds, rate ladder) | peak while republishing every ticket snapshot |
            |---|---|---|---|
            {memoryRows}

            What a service's RSS was made of at the end of the intake phase (MB; `/proc/<pid>/status`): anonymous
            memory is the GC heap (live objects and the free space it keeps committed) and native allocations;
            shared memory is the code the JIT wrote and the runtime's stubs (kept in shared memory so they can be
            mapped writable and executable at different addresses); files are the mapped assemblies and runtime
            libraries, shared with the other services on this machine but counted in each RSS.

            | service | RSS | anonymous | shared memory | files |
            |---|---|---|---|---|
            {compositionRows}

            """);
        report.AppendLine().AppendLine(f.Province.Show(p => Demote(p.Report))).AppendLine().AppendLine(f.Subtree.Show(Demote));
        return report.ToString();
    }

    // The scenario reports are whole documents; inside this one their title becomes a section.
    private static string Demote(string markdown) => markdown.Replace("\n# ", "\n## ", StringComparison.Ordinal).TrimStart() is var text && text.StartsWith("# ", StringComparison.Ordinal)
        ? "#" + text
        : text;
}
