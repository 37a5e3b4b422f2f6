namespace PartyGrid.Tickets.Open311;

/// <summary>What the catalogue's item attributes are, for service definitions: a Chinese description and the spec's datatype.</summary>
public static class ServiceAttributes
{
    private static readonly Dictionary<string, (string Description, string Datatype)> Known = new()
    {
        ["householdNumber"] = ("户号", "string"),
        ["familySize"] = ("家庭人口", "number"),
        ["businessName"] = ("经营主体名称", "string"),
        ["parcel"] = ("地块编号", "string"),
        ["employer"] = ("用工单位", "string"),
        ["school"] = ("就读学校", "string"),
        ["crop"] = ("作物品种", "string"),
        ["location"] = ("具体位置", "text"),
    };

    public static string Description(string attribute) => Known.TryGetValue(attribute, out var a) ? a.Description : attribute;

    public static string Datatype(string attribute) => Known.TryGetValue(attribute, out var a) ? a.Datatype : "string";
}
