using PartyGrid.Bench;

// Usage: dotnet run -c Release --project bench/PartyGrid.Bench -- organisations [gateway-url] [run-prefix]
// (with a run prefix the province of that earlier run is queried again and nothing is imported)
// against a running PartyGrid (./run.sh). Writes bench/results/<date>-<machine>-<scenario>.md.
var scenario = args.FirstOrDefault() ?? "organisations";
var gateway = new Uri(args.Skip(1).FirstOrDefault() ?? "http://localhost:5080");
var report = scenario switch
{
    "organisations" => await OrganisationsScenario.RunAsync(gateway, args.Skip(2).FirstOrDefault()),
    _ => throw new ArgumentException($"Unknown scenario '{scenario}'; known: organisations."),
};

var directory = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
Directory.CreateDirectory(directory);
var file = Path.GetFullPath(Path.Combine(directory, $"{DateTime.UtcNow:yyyy-MM-dd}-{Environment.MachineName}-{scenario}.md"));
await File.WriteAllTextAsync(file, report);
Console.WriteLine(report);
Console.WriteLine($"written to {file}");
