using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.Notifications;

/// <summary>The <c>Webhooks</c> section, set from the AppHost's <c>Webhooks:Settings</c>.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Plain http and private, loopback and link-local targets: only for a local run or a test that
    /// receives on 127.0.0.1. Off by default, so a partner cannot aim PartyGrid at its own network.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>The public address of PartyGrid (the gateway's), which residents' rating links in <c>ticket.resolved</c> start with.</summary>
    [Required]
    [Url]
    public string PublicUrl { get; set; } = string.Empty;

    /// <summary>The delays between attempts; empty means <see cref="Domain.RetrySchedule.Standard"/>.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromDays(3);

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : Domain.RetrySchedule.Standard;
}

[OptionsValidator]
public sealed partial class WebhookOptionsValidator : IValidateOptions<WebhookOptions>;
