using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using PartyGrid.AppHost;
using PartyGrid.Testing;
using Xunit;

namespace PartyGrid.EndToEnd.Tests;

/// <summary>
/// The app model the run command builds (<c>./run.sh</c>: no arguments but the launch profile), read
/// without starting it: no development tokens, no development key, no shared signing key, every key
/// a secret parameter generated for the run's data directory, and a dashboard that asks for its token.
/// </summary>
public sealed class RunCommandTests
{
    // The constants the services fall back to in Development; the run command must never rely on them.
    private static readonly string[] DevelopmentKeys =
    [
        "ZGV2ZWxvcG1lbnQtb25seS1waWktZW5jcnlwdGlvbiE=",
        "ZGV2ZWxvcG1lbnQtb25seS1waWktbG9va3VwLWtleSE=",
        "partygrid-development-signing-key-not-for-production-use-0001",
    ];

    [Fact]
    public async Task The_run_command_enables_no_development_tokens_and_uses_no_development_key()
    {
        var dataDirectory = TestServers.PrivateDirectory("partygrid-model-");
        try
        {
            using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PartyGrid_AppHost>(
                [$"--Infrastructure:DataDirectory={dataDirectory}"]);
            var projects = builder.Resources.OfType<IResourceWithEnvironment>().Where(r => r is BuiltProject or ProjectResource).ToList();
            Assert.Equal(["assessment", "gateway", "identity", "members", "notifications", "organisations", "pairing", "tickets"], projects.Select(p => p.Name).Order());

            var environments = new Dictionary<string, Dictionary<string, string>>();
            foreach (var project in projects)
            {
#pragma warning disable CS0618 // its successor needs a running app; this reads the model as the manifest would
                environments[project.Name] = await project.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
            }

            Assert.Equal("false", environments["identity"]["Auth__DevelopmentTokens"]);
            Assert.All(environments.Values.SelectMany(e => e), variable =>
            {
                Assert.DoesNotContain("SigningKey", variable.Key, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(variable.Value, DevelopmentKeys);
            });

            // The personal-data keys are parameters of the run, not literals, for both services that hold personal data.
            foreach (var service in new[] { "members", "tickets" })
            {
                Assert.Equal("{personal-data-encryption-key.value}", environments[service]["PersonalData__EncryptionKey"]);
                Assert.Equal("{personal-data-lookup-key.value}", environments[service]["PersonalData__LookupKey"]);
            }

            // Generated once for this data directory, readable by its owner only, and no development value.
            var secretsFile = Path.Combine(dataDirectory, "secrets.json");
            if (OperatingSystem.IsLinux())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secretsFile));
            }

            var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(secretsFile))!;
            Assert.Equal(32, Convert.FromBase64String(secrets["personal-data-encryption-key"]).Length);
            Assert.NotEqual(secrets["personal-data-encryption-key"], secrets["personal-data-lookup-key"]);
            Assert.DoesNotContain(secrets.Values, DevelopmentKeys.Contains);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public void The_dashboard_of_the_run_command_asks_for_its_browser_token()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "aspire-host", "Properties", "launchSettings.json")));
        var variables = settings.RootElement.GetProperty("profiles").GetProperty("local").GetProperty("environmentVariables");
        Assert.False(variables.TryGetProperty("ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS", out _));
    }

    [Fact]
    public async Task The_demo_loader_and_its_admin_client_exist_only_where_the_demo_is_asked_for()
    {
        var dataDirectory = TestServers.PrivateDirectory("partygrid-model-");
        try
        {
            async Task<(bool Loader, bool Client)> ModelAsync(params string[] args)
            {
                using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PartyGrid_AppHost>(
                    [$"--Infrastructure:DataDirectory={dataDirectory}", .. args]);
                var identity = builder.Resources.OfType<BuiltProject>().Single(p => p.Name == "identity");
#pragma warning disable CS0618 // its successor needs a running app; this reads the model as the manifest would
                var environment = await identity.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
                return (builder.Resources.Any(r => r.Name == "demo-data"), environment.Keys.Any(k => k.Contains("partygrid-demo", StringComparison.Ordinal)));
            }

            Assert.Equal((false, false), await ModelAsync());
            Assert.Equal((false, false), await ModelAsync("--environment=Production"));
            Assert.Equal((true, true), await ModelAsync("--Demo:Enabled=true"));

            using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "aspire-host", "Properties", "launchSettings.json")));
            var variables = settings.RootElement.GetProperty("profiles").GetProperty("local").GetProperty("environmentVariables");
            Assert.Equal("true", variables.GetProperty("Demo__Enabled").GetString());
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task Scale_replicas_runs_every_service_that_many_times_and_the_gateway_reaches_each_replica()
    {
        var dataDirectory = TestServers.PrivateDirectory("partygrid-model-");
        try
        {
            using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PartyGrid_AppHost>(
                [$"--Infrastructure:DataDirectory={dataDirectory}", "--Scale:Replicas=2"]);
            string[] services = ["assessment", "identity", "members", "notifications", "organisations", "pairing", "tickets"];
            Assert.Equal(
                services.SelectMany(s => new[] { s, $"{s}-2" }).Order(),
                builder.Resources.OfType<BuiltProject>().Select(p => p.Name).Order());
            var gateway = builder.Resources.OfType<ProjectResource>().Single(p => p.Name == "gateway");
            Assert.Equal(2, gateway.GetReplicaCount());

#pragma warning disable CS0618 // its successor needs a running app; this reads the model as the manifest would
            var environment = await gateway.GetEnvironmentVariableValuesAsync(DistributedApplicationOperation.Publish);
#pragma warning restore CS0618
            foreach (var service in services)
            {
                Assert.Equal($"{{{service}.bindings.http.url}}", environment[$"services__{service}__http__0"]);
                Assert.Equal($"{{{service}-2.bindings.http.url}}", environment[$"services__{service}__http__1"]);
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_directory_that_is_a_symbolic_link_or_owned_by_another_user_is_refused()
    {
        var real = TestServers.PrivateDirectory("partygrid-model-");
        var link = real + "-link";
        var foreign = Path.Combine(real, "foreign");
        try
        {
            Directory.CreateSymbolicLink(link, real);
            var linked = await Assert.ThrowsAnyAsync<Exception>(() =>
                DistributedApplicationTestingBuilder.CreateAsync<Projects.PartyGrid_AppHost>([$"--Infrastructure:DataDirectory={Path.Combine(link, "run")}"]));
            Assert.Contains("symbolic link", linked.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(real, "run", "secrets.json")));

            if (Environment.UserName == "root")
            {
                Directory.CreateDirectory(foreign);
                using (var chown = System.Diagnostics.Process.Start("chown", ["nobody", foreign]))
                {
                    await chown.WaitForExitAsync();
                }

                var owned = await Assert.ThrowsAnyAsync<Exception>(() =>
                    DistributedApplicationTestingBuilder.CreateAsync<Projects.PartyGrid_AppHost>([$"--Infrastructure:DataDirectory={foreign}"]));
                Assert.Contains("not owned by root", owned.ToString(), StringComparison.Ordinal);
                Assert.False(File.Exists(Path.Combine(foreign, "secrets.json")));
            }
        }
        finally
        {
            File.Delete(link);
            Directory.Delete(real, recursive: true);
        }
    }
}
