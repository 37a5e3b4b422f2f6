namespace PartyGrid.Tickets.Catalogue;

/// <summary>The catalogue a new installation starts with; <c>admin</c> edits it afterwards.</summary>
public static class DefaultCatalogue
{
    private static readonly TicketDeadlines Quick = new(1, 3, 5, 10, 2, 24);
    private static readonly TicketDeadlines Standard = new(1, 5, 10, 15, 4, 48);
    private static readonly TicketDeadlines Long = new(2, 10, 15, 20, 4, 72);

    public static ServiceCatalogue Create() => new(
    [
        new(TicketCategory.Errand, "代办服务",
        [
            new("rural-medical-insurance", "新农合缴费", OrganisationTier.Village, ["householdNumber"], Quick),
            new("pension-insurance", "城乡居民养老保险办理", OrganisationTier.Village, ["householdNumber"], Standard),
            new("minimum-living-allowance", "低保申请", OrganisationTier.Township, ["householdNumber", "familySize"], Long),
            new("business-licence", "营业执照代办", OrganisationTier.Township, ["businessName"], Standard),
            new("tax-registration", "税务登记代办", OrganisationTier.Township, [], Standard),
            new("errand-other", "其他代办", OrganisationTier.Village, [], Standard),
        ]),
        new(TicketCategory.Dispute, "纠纷调解",
        [
            new("land-dispute", "土地纠纷调解", OrganisationTier.Township, ["parcel"], Long),
            new("neighbour-dispute", "邻里纠纷调解", OrganisationTier.Village, [], Standard),
            new("family-dispute", "婚姻家庭纠纷调解", OrganisationTier.Village, [], Standard),
            new("wage-arrears", "欠薪纠纷", OrganisationTier.County, ["employer"], Long),
            new("dispute-other", "其他纠纷", OrganisationTier.Village, [], Standard),
        ]),
        new(TicketCategory.Assistance, "帮扶救助",
        [
            new("hardship-relief", "困难群众临时救助", OrganisationTier.Township, ["householdNumber"], Standard),
            new("elderly-care", "留守老人关爱", OrganisationTier.Village, [], Standard),
            new("student-aid", "困难学生资助", OrganisationTier.Township, ["school"], Long),
            new("assistance-other", "其他帮扶", OrganisationTier.Village, [], Standard),
        ]),
        new(TicketCategory.Consultation, "政策法律技术咨询",
        [
            new("agricultural-technology", "农技咨询", OrganisationTier.Village, ["crop"], Quick),
            new("legal-advice", "法律咨询", OrganisationTier.Township, [], Quick),
            new("policy-advice", "政策咨询", OrganisationTier.Village, [], Quick),
            new("consultation-other", "其他咨询", OrganisationTier.Village, [], Quick),
        ]),
        new(TicketCategory.GoodDeed, "办实事好事",
        [
            new("road-repair", "村组道路维修", OrganisationTier.Township, ["location"], Long),
            new("water-supply", "饮水安全", OrganisationTier.Township, ["location"], Long),
            new("good-deed-other", "其他实事", OrganisationTier.Village, [], Long),
        ]),
    ]);
}
