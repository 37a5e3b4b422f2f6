namespace PartyGrid.Tickets.Api;

/// <summary>The Chinese words offices use for a ticket's states and kinds, for what is read outside the console (exports).</summary>
public static class TicketWords
{
    public static string Status(TicketStatus status) => status switch
    {
        TicketStatus.Submitted => "待签收",
        TicketStatus.Accepted => "已签收",
        TicketStatus.InProgress => "办理中",
        TicketStatus.Suspended => "已暂停",
        TicketStatus.Resolved => "已办结",
        TicketStatus.Closed => "已关闭",
        TicketStatus.Cancelled => "已撤销",
        TicketStatus.Reopened => "整改中",
        _ => WireName.Of(status),
    };

    public static string Channel(TicketChannel channel) => channel switch
    {
        TicketChannel.WalkIn => "窗口来访",
        TicketChannel.Phone => "电话",
        TicketChannel.Sms => "短信",
        TicketChannel.Web => "网上",
        TicketChannel.Partner => "合作系统",
        _ => WireName.Of(channel),
    };

    public static string Priority(TicketPriority priority) => priority == TicketPriority.Urgent ? "紧急" : "一般";

    public static string Tier(OrganisationTier tier) => tier switch
    {
        OrganisationTier.County => "县级",
        OrganisationTier.Township => "乡镇",
        OrganisationTier.Village => "村级",
        OrganisationTier.Group => "村民小组",
        _ => WireName.Of(tier),
    };
}
