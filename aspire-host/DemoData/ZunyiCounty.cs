namespace PartyGrid.DemoData;

/// <summary>
/// The demo county, modelled on Zunyi County (遵义县, code 520321) where the service model began:
/// eight rural townships with six villages each, the first two villages of each with two groups,
/// and one urban street with three communities. Everything is fixed, so every load is the same.
/// </summary>
public static class ZunyiCounty
{
    public const string Code = "520321";
    public const string Name = "遵义县";

    public sealed record Township(string Name, string[] Villages);

    public static readonly Township[] Townships =
    [
        new("南白镇", ["石龙村", "沙坝村", "红花村", "建设村", "瓦窑村", "南白村"]),
        new("三岔镇", ["三岔村", "龙坪村", "银河村", "长征村", "新街村", "红光村"]),
        new("苟江镇", ["苟江村", "兰山村", "新桥村", "尖山村", "快乐村", "水河村"]),
        new("鸭溪镇", ["鸭溪村", "石关村", "坪桥村", "金星村", "大坝村", "先锋村"]),
        new("枫香镇", ["花茂村", "苟坝村", "新田村", "青坑村", "纸房村", "楠木村"]),
        new("乌江镇", ["乌江村", "新华村", "王家村", "白果村", "水竹村", "永安村"]),
        new("团溪镇", ["团溪村", "玉屏村", "永乐村", "天鹅村", "金沙村", "红岩村"]),
        new("龙岗镇", ["龙岗村", "八角村", "中心村", "大田村", "双龙村", "三星村"]),
    ];

    public const string Street = "龙坑街道";

    public static readonly string[] Communities = ["桃园社区", "金钟社区", "南门社区"];

    public static readonly string[] GroupNames = ["一组", "二组"];

    /// <summary>One in seven villages has no service station yet, so coverage is short of 100 % (as in 2009: 85 %+).</summary>
    public static bool HasStation(int townshipIndex, int villageIndex) => (townshipIndex * 6 + villageIndex) % 7 != 3;

    public static string TownshipCode(int t) => $"{Code}-{t + 1:D2}";

    public static string VillageCode(int t, int v) => $"{TownshipCode(t)}-{v + 1:D2}";

    public static string GroupCode(int t, int v, int g) => $"{VillageCode(t, v)}-{g + 1:D2}";

    public static string StreetCode => $"{Code}-{Townships.Length + 1:D2}";

    public static string CommunityCode(int c) => $"{StreetCode}-{c + 1:D2}";

    /// <summary>The tree as the organisations import takes it: parents before children.</summary>
    public static IEnumerable<object> ImportRows()
    {
        yield return new { code = Code, name = Name, tier = "county", area = "rural", kind = "committee", parentCode = (string?)null };
        for (var t = 0; t < Townships.Length; t++)
        {
            yield return new { code = TownshipCode(t), name = Townships[t].Name, tier = "township", area = "rural", kind = "committee", parentCode = (string?)Code };
            for (var v = 0; v < Townships[t].Villages.Length; v++)
            {
                yield return new { code = VillageCode(t, v), name = Townships[t].Villages[v], tier = "village", area = "rural", kind = "branch", parentCode = (string?)TownshipCode(t) };
                for (var g = 0; v < 2 && g < GroupNames.Length; g++)
                {
                    yield return new { code = GroupCode(t, v, g), name = Townships[t].Villages[v] + GroupNames[g], tier = "group", area = "rural", kind = "group", parentCode = (string?)VillageCode(t, v) };
                }
            }
        }

        yield return new { code = StreetCode, name = Street, tier = "township", area = "urban", kind = "committee", parentCode = (string?)Code };
        for (var c = 0; c < Communities.Length; c++)
        {
            yield return new { code = CommunityCode(c), name = Communities[c], tier = "village", area = "urban", kind = "general-branch", parentCode = (string?)StreetCode };
        }
    }
}
