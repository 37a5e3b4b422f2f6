using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.ServiceDefaults.Messaging;

/// <summary>How long the bookkeeping rows of messaging and idempotency are kept before they are deleted.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>Outbox rows the broker confirmed; pending rows are never deleted, however old.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan SentOutbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The inbox's duplicate window: a redelivery older than this is handled again, which every
    /// consumer tolerates (projections keep the newest version; effects check their own state).
    /// </summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan Inbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a create's first answer is given again for its <c>Idempotency-Key</c>.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan IdempotencyRecords { get; set; } = TimeSpan.FromDays(7);

    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows deleted per statement, so a first run over a large backlog never holds long locks.</summary>
    [Range(100, 100_000)]
    public int BatchSize { get; set; } = 5_000;
}

[OptionsValidator]
public sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;
