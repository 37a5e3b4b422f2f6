namespace PartyGrid.DemoData;

/// <summary>
/// The residents' matters of the demo: one list for villages and communities, one for townships,
/// in every category, and the ways a ticket can end. Which matter, channel and outcome a ticket
/// gets follows from its position, so every load makes the same tickets.
/// </summary>
public static class DemoMatters
{
    public sealed record Matter(string Category, string Item, string Title, string Description, Dictionary<string, string>? Attributes = null);

    public enum Outcome
    {
        /// <summary>Accepted, handed to a member, resolved, rated 5.</summary>
        AssignedAndSatisfied,
        ResolvedAndRated4,
        /// <summary>Beyond the village: escalated, settled by the township, rated 5.</summary>
        EscalatedAndResolved,
        InProgress,
        JustSubmitted,
        /// <summary>Rated 2, reopened for rectification, resolved again and rated 4.</summary>
        RectifiedAfterPoorRating,
        WaitingForRequester,
        Cancelled,
    }

    public static readonly Matter[] Village =
    [
        new("errand", "rural-medical-insurance", "代缴新农合", "为在外务工子女的年迈父母代缴新农合", new() { ["householdNumber"] = "HH" }),
        new("dispute", "neighbour-dispute", "宅基地滴水纠纷", "两户相邻房屋滴水问题引发争执"),
        new("assistance", "elderly-care", "留守老人探访", "独居老人行动不便，请求定期上门探访"),
        new("consultation", "agricultural-technology", "辣椒病虫害防治", "辣椒出现炭疽病，咨询防治办法", new() { ["crop"] = "辣椒" }),
        new("consultation", "policy-advice", "危房改造政策咨询", "咨询农村危房改造补助条件和申报材料"),
        new("dispute", "family-dispute", "赡养老人纠纷", "兄弟间对赡养父母分担有分歧"),
        new("good-deed", "good-deed-other", "组内路灯修复", "组内三盏路灯损坏，夜间出行不便"),
        new("errand", "pension-insurance", "养老保险续保", "代办城乡居民养老保险续保", new() { ["householdNumber"] = "HH" }),
        new("assistance", "assistance-other", "留守儿童课后辅导", "希望志愿者周末为留守儿童辅导作业"),
        new("errand", "errand-other", "代办身份证换领", "老人身份证到期，行动不便请求代办"),
    ];

    public static readonly Matter[] Township =
    [
        new("errand", "minimum-living-allowance", "低保申请", "因病致贫家庭申请最低生活保障", new() { ["householdNumber"] = "HH", ["familySize"] = "4" }),
        new("dispute", "land-dispute", "承包地边界纠纷", "两户承包地边界不清，多次协商未果", new() { ["parcel"] = "P" }),
        new("good-deed", "road-repair", "通组路塌方修复", "雨后通组路塌方，车辆无法通行", new() { ["location"] = "通组路" }),
        new("consultation", "legal-advice", "务工合同咨询", "咨询外出务工劳动合同条款"),
    ];

    public static readonly string[] Channels = ["walk-in", "phone", "sms", "web", "partner"];

    public static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "罗", "何", "宋", "谢"];

    public static readonly string[] GivenNames = ["德明", "秀英", "永芬", "国华", "桂兰", "志强", "春梅", "建军", "小红", "正荣", "玉珍", "光辉"];

    public static Outcome OutcomeOf(int index) => (Outcome)(index % Enum.GetValues<Outcome>().Length);

    public static string Person(int seed) => Surnames[seed % Surnames.Length] + GivenNames[seed / Surnames.Length % GivenNames.Length];

    /// <summary>The matter's attributes with this ticket's own values (household and parcel numbers).</summary>
    public static Dictionary<string, string>? AttributesFor(Matter matter, string code, int index) =>
        matter.Attributes?.ToDictionary(a => a.Key, a => a.Value is "HH" or "P" ? $"{a.Value}-{code}-{index:D2}" : a.Value);
}
