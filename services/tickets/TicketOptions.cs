using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PartyGrid.Tickets;

/// <summary>Tunable rules of the tickets service (section <c>Tickets</c>).</summary>
public sealed class TicketOptions
{
    public const string Section = "Tickets";

    /// <summary>A resolved ticket nobody rates closes after this many working days.</summary>
    [Range(1, 30)]
    public int AutoCloseWorkingDays { get; set; } = 5;

    /// <summary>How often deadlines are checked for warnings, escalation and auto-close.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan ClockInterval { get; set; } = TimeSpan.FromMinutes(1);
}

[OptionsValidator]
public sealed partial class TicketOptionsValidator : IValidateOptions<TicketOptions>;
