using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartyGrid.ServiceDefaults.Hosting;

namespace PartyGrid.ServiceDefaults.Keys;

/// <summary>
/// The second half of a key-encryption key rotation: while <see cref="KeyRingOptions.PreviousKeyEncryptionKeys"/>
/// are set, reseals every stored secret under the current key, at start and every check interval, and
/// says once when nothing is left under a previous key, so operators know when to drop it. Idle otherwise.
/// </summary>
public sealed partial class SealedSecretsRenewal(
    IEnumerable<ISealedSecrets> stores, KeyProtector protector, IOptions<KeyRingOptions> options, TimeProvider time, ILogger<SealedSecretsRenewal> logger)
    : PeriodicJob(time, logger)
{
    private bool reportedDone;

    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override string Work => "Sealed secrets renewal";

    protected override async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (!protector.HasPreviousKeys)
        {
            return 0;
        }

        var resealed = 0;
        foreach (var store in stores)
        {
            resealed += await store.ResealAsync(protector, cancellationToken);
        }

        if (resealed == 0 && !reportedDone)
        {
            reportedDone = true;
            LogNothingLeft(logger);
        }

        return resealed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Every sealed secret is under the current key-encryption key: remove Keys:PreviousKeyEncryptionKeys")]
    private static partial void LogNothingLeft(ILogger logger);
}
