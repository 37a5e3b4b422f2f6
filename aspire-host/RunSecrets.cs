using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace PartyGrid.AppHost;

/// <summary>
/// The secrets of a run — personal-data keys, the identity service's and the gateway's
/// key-encryption keys, the operator clients' secrets, the demo password — as Aspire secret
/// parameters. A value given as <c>Parameters:{name}</c> wins; otherwise one is generated once and
/// kept beside the run's data (<c>secrets.json</c>, readable by root only), so data encrypted under a
/// key stays readable across restarts and a fresh data directory gets fresh keys.
/// </summary>
public sealed class RunSecrets
{
    private readonly IDistributedApplicationBuilder builder;
    private readonly string file;
    private readonly Dictionary<string, string> stored;

    private RunSecrets(IDistributedApplicationBuilder builder, string file, Dictionary<string, string> stored)
    {
        this.builder = builder;
        this.file = file;
        this.stored = stored;
    }

    // One per app model: the infrastructure and the services both take secrets from the same file.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDistributedApplicationBuilder, RunSecrets> Opened = [];

    public static RunSecrets Open(IDistributedApplicationBuilder builder, string dataDirectory) =>
        Opened.GetValue(builder, b => Load(b, dataDirectory));

    private static RunSecrets Load(IDistributedApplicationBuilder builder, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var file = Path.Combine(dataDirectory, "secrets.json");
        var stored = File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? []
            : [];
        return new RunSecrets(builder, file, stored);
    }

    /// <summary>32 random bytes, base64: a key for AES-256 or HMAC-SHA-256.</summary>
    public IResourceBuilder<ParameterResource> Key(string name) =>
        Parameter(name, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>A client secret or password: 32 characters from letters, digits and symbols (meets the password rules).</summary>
    public IResourceBuilder<ParameterResource> Password(string name) =>
        Parameter(name, () =>
        {
            const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            var chars = Enumerable.Range(0, 29).Select(_ => alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]);
            return "Pg!" + new string(chars.ToArray());
        });

    private IResourceBuilder<ParameterResource> Parameter(string name, Func<string> generate)
    {
        if (builder.Configuration[$"Parameters:{name}"] is not { Length: > 0 })
        {
            if (!stored.TryGetValue(name, out var value))
            {
                stored[name] = value = generate();
                Save();
            }

            builder.Configuration[$"Parameters:{name}"] = value;
        }

        return builder.AddParameter(name, secret: true);
    }

    private void Save()
    {
        File.WriteAllText(file, JsonSerializer.Serialize(stored));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
