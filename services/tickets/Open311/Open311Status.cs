namespace PartyGrid.Tickets.Open311;

/// <summary>
/// A ticket's status in Open311's words: <c>open</c>/<c>closed</c> for a request (a resolved matter is
/// closed to the resident), the finer FixMyStreet vocabulary for an update, and the zh-CN notes that
/// say where it stands. Notes come from the status, the site and the resolution only, never from
/// staff comments or reasons, which may name people.
/// </summary>
public static class Open311Status
{
    public const string Open = "open";
    public const string Closed = "closed";

    public static string Of(TicketStatus status) => IsClosed(status) ? Closed : Open;

    public static bool IsClosed(TicketStatus status) => status is TicketStatus.Resolved or TicketStatus.Closed or TicketStatus.Cancelled;

    /// <summary>The statuses an Open311 status word stands for.</summary>
    public static IReadOnlyList<TicketStatus> Members(string word) =>
        [.. Enum.GetValues<TicketStatus>().Where(s => Of(s) == word)];

    public static string ForUpdate(TicketStatus status) => status switch
    {
        TicketStatus.Accepted => "action_scheduled",
        TicketStatus.InProgress or TicketStatus.Suspended => "in_progress",
        TicketStatus.Resolved => "fixed",
        TicketStatus.Closed or TicketStatus.Cancelled => Closed,
        TicketStatus.Reopened => "reopen",
        _ => Open,
    };

    public static string Notes(TicketStatus status, string site, string? resolution) => status switch
    {
        TicketStatus.Submitted => $"已受理，待{site}签收",
        TicketStatus.Accepted => $"{site}已签收",
        TicketStatus.InProgress => $"{site}正在办理",
        TicketStatus.Suspended => $"{site}暂停办理，待条件具备后继续",
        TicketStatus.Resolved or TicketStatus.Closed when resolution is not null => $"已办结：{resolution}",
        TicketStatus.Resolved or TicketStatus.Closed => "已办结",
        TicketStatus.Cancelled => "已撤销",
        _ => $"已重新交{site}整改办理",
    };

    /// <summary>What one timeline entry tells the resident; null for entries that are not news to them (comments).</summary>
    public static string? Update(string action, string? note) => action switch
    {
        "submitted" => "已受理",
        "accepted" => "已签收",
        "assigned" => "已安排人员办理",
        "suspended" => "暂停办理",
        "resumed" => "恢复办理",
        "escalated" or "escalated-automatically" => "已上交上级办理",
        "supervised" => "已列入督办",
        "resolved" => note is null ? "已办结" : $"已办结：{note}",
        "rated" => "已评价",
        "reopened" => "已重新办理",
        "closed" or "closed-automatically" => "已关闭",
        "cancelled" => "已撤销",
        _ => null,
    };
}
