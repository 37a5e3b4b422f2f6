using PartyGrid.Bench;

// Usage: bench/run.sh — every scenario against a PartyGrid it starts itself (the `all` scenario below),
//        one report bench/results/<date>-<machine>.md.
//        dotnet run -c Release --project bench/PartyGrid.Bench -- province [assessment-db-connection-string]
// (the province generator alone: 50,656 organisations and 5,000,000 tickets' counts, binary COPY)
//        dotnet run -c Release --project bench/PartyGrid.Bench -- fair
// (the fair intake baseline alone, on a PartyGrid it starts itself)
// Single scenarios: dotnet run -c Release --project bench/PartyGrid.Bench -- organisations [gateway-url] [run-prefix]
// (with a run prefix the province of that earlier run is queried again and nothing is imported)
//        dotnet run -c Release --project bench/PartyGrid.Bench -- tickets <gateway-url> <tickets-service-url>
//        dotnet run -c Release --project bench/PartyGrid.Bench -- gateway <gateway-url> <tickets-service-url>
//        dotnet run -c Release --project bench/PartyGrid.Bench -- assessment <gateway-url> <assessment-db-connection-string>
//        dotnet run -c Release --project bench/PartyGrid.Bench -- signin <gateway-url> <user-name> <password>
// (the service's URL is in the dashboard, or: ss -ltnp | grep PartyGrid.Tick; signin wants a run that
//  allows more sign-in attempts per address: ./run.sh --Identity:Settings:SignInAttemptsPerMinute=10000)
// against a running PartyGrid (./run.sh). Writes bench/results/<date>-<machine>-<scenario>.md.
var scenario = args.FirstOrDefault() ?? "all";
var gateway = new Uri(scenario == "province" ? "http://localhost:5080" : args.Skip(1).FirstOrDefault() ?? "http://localhost:5080");
var report = scenario switch
{
    "all" => await Harness.RunAsync(),
    "province" => (await ProvinceDataset.EnsureAsync(args.Skip(1).FirstOrDefault()
        ?? throw new ArgumentException("give assessment's connection string (the dashboard shows it; passwords are in the data directory's secrets.json)"))).Load,
    "organisations" => args.Skip(2).FirstOrDefault() is { } earlier
        ? await OrganisationsScenario.RunAsync(gateway, earlier, reuse: true)
        : await OrganisationsScenario.RunAsync(gateway, $"B{DateTime.UtcNow:HHmmss}", reuse: false),
    "tickets" => await TicketsScenario.RunAsync(gateway, new Uri(args.Skip(2).FirstOrDefault()
        ?? throw new ArgumentException("tickets needs the tickets service's own URL as its third argument."))),
    "gateway" => await GatewayScenario.RunAsync(gateway, new Uri(args.Skip(2).FirstOrDefault()
        ?? throw new ArgumentException("gateway needs the tickets service's own URL as its third argument."))),
    "assessment" => (await AssessmentScenario.RunAsync(gateway, args.Skip(2).FirstOrDefault()
        ?? throw new ArgumentException("give assessment's connection string (the dashboard shows it; passwords are in the data directory's secrets.json)"))).Report,
    "fair" => await FairBaseline.ScenarioAsync(),
    "stalls" => await StallScenario.RunAsync(gateway, double.Parse(args.Skip(2).FirstOrDefault() ?? "80", System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(args.Skip(3).FirstOrDefault() ?? "120", System.Globalization.CultureInfo.InvariantCulture)),
    "signin" => await SignInScenario.RunAsync(gateway, args.Skip(2).FirstOrDefault() ?? "demo-clerk", args.Skip(3).FirstOrDefault()
        ?? throw new ArgumentException("signin needs the account's password (the demo password is in the dashboard's parameters).")),
    _ => throw new ArgumentException($"Unknown scenario '{scenario}'; known: all, fair, province, organisations, tickets, gateway, assessment, signin, stalls."),
};

var directory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
Directory.CreateDirectory(directory);
var name = scenario == "all" ? $"{DateTime.UtcNow:yyyy-MM-dd}-{Environment.MachineName}" : $"{DateTime.UtcNow:yyyy-MM-dd}-{Environment.MachineName}-{scenario}";
var file = Path.GetFullPath(Path.Combine(directory, $"{name}.md"));
await File.WriteAllTextAsync(file, report);
Console.WriteLine(report);
Console.WriteLine($"written to {file}");
