using PartyGrid.Bench;

// Usage: dotnet run -c Release --project bench/PartyGrid.Bench -- organisations [gateway-url] [run-prefix]
// (with a run prefix the province of that earlier run is queried again and nothing is imported)
//        dotnet run -c Release --project bench/PartyGrid.Bench -- tickets <gateway-url> <tickets-service-url>
//        dotnet run -c Release --project bench/PartyGrid.Bench -- gateway <gateway-url> <tickets-service-url>
//        dotnet run -c Release --project bench/PartyGrid.Bench -- assessment <gateway-url> <assessment-db-connection-string>
// (the service's URL is in the dashboard, or: ss -ltnp | grep PartyGrid.Tick)
// against a running PartyGrid (./run.sh). Writes bench/results/<date>-<machine>-<scenario>.md.
var scenario = args.FirstOrDefault() ?? "organisations";
var gateway = new Uri(args.Skip(1).FirstOrDefault() ?? "http://localhost:5080");
var report = scenario switch
{
    "organisations" => await OrganisationsScenario.RunAsync(gateway, args.Skip(2).FirstOrDefault()),
    "tickets" => await TicketsScenario.RunAsync(gateway, new Uri(args.Skip(2).FirstOrDefault()
        ?? throw new ArgumentException("tickets needs the tickets service's own URL as its third argument."))),
    "gateway" => await GatewayScenario.RunAsync(gateway, new Uri(args.Skip(2).FirstOrDefault()
        ?? throw new ArgumentException("gateway needs the tickets service's own URL as its third argument."))),
    "assessment" => await AssessmentScenario.RunAsync(gateway, args.Skip(2).FirstOrDefault()
        ?? "Host=127.0.0.1;Port=55432;Username=postgres;Password=partygrid-local;Database=assessment"),
    _ => throw new ArgumentException($"Unknown scenario '{scenario}'; known: organisations, tickets, gateway, assessment."),
};

var directory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
Directory.CreateDirectory(directory);
var file = Path.GetFullPath(Path.Combine(directory, $"{DateTime.UtcNow:yyyy-MM-dd}-{Environment.MachineName}-{scenario}.md"));
await File.WriteAllTextAsync(file, report);
Console.WriteLine(report);
Console.WriteLine($"written to {file}");
