using PartyGrid.ServiceDefaults.Import;
using PartyGrid.Contracts;
using PartyGrid.Organisations.Domain;
using PartyGrid.Organisations.Import;
using Xunit;

namespace PartyGrid.Organisations.Tests;

public sealed class TreeImportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Dictionary<string, Organisation> Nothing = [];

    /// <summary>A county with 10 townships × 34 villages × 29 groups: 10,211 rows, children listed before parents.</summary>
    private static List<ImportRow> County()
    {
        var rows = new List<ImportRow>();
        for (var t = 0; t < 10; t++)
        {
            for (var v = 0; v < 34; v++)
            {
                for (var g = 0; g < 29; g++)
                {
                    rows.Add(new ImportRow(0, $"G{t}-{v}-{g}", $"第{g}组", "group", "rural", "group", $"V{t}-{v}"));
                }

                rows.Add(new ImportRow(0, $"V{t}-{v}", $"{v}村", "village", "rural", "branch", $"T{t}"));
            }

            rows.Add(new ImportRow(0, $"T{t}", $"{t}镇", "township", "rural", "committee", "C"));
        }

        rows.Add(new ImportRow(0, "C", "遵义县", "county", "rural", "committee", null));
        return rows.Select((r, i) => r with { Row = i + 1 }).ToList();
    }

    [Fact]
    public void Ten_thousand_rows_are_placed_parents_first()
    {
        var rows = County();
        var plan = new TreeImport(_ => true).Build(rows, Nothing, Now);

        Assert.Empty(plan.Errors);
        Assert.Equal(10_211, plan.Created.Count);
        var byCode = plan.Created.ToDictionary(o => o.Code);
        var group = byCode["G7-12-3"];
        Assert.Equal($"{byCode["C"].Path}.{byCode["T7"].Id:N}.{byCode["V7-12"].Id:N}.{group.Id:N}", group.Path);
    }

    [Fact]
    public void One_bad_row_rejects_the_file_and_is_named_with_what_depends_on_it()
    {
        var rows = County();
        var bad = rows.FindIndex(r => r.Code == "V3-4");
        rows[bad] = rows[bad] with { Tier = "hamlet" };

        var plan = new TreeImport(_ => true).Build(rows, Nothing, Now);

        var named = Assert.Single(plan.Errors, e => e.Field == "tier");
        Assert.Equal(rows[bad].Row, named.Row);
        Assert.Contains("must be one of", named.Message);

        // Its 29 groups cannot be placed either, and say why; nothing else is wrong.
        Assert.Equal(1 + 29, plan.Errors.Count);
        Assert.All(plan.Errors.Where(e => e != named), e => Assert.Contains("'V3-4' has errors", e.Message));
    }

    [Fact]
    public void Duplicates_missing_parents_wrong_tiers_and_loops_are_each_reported()
    {
        List<ImportRow> rows =
        [
            new(1, "C", "县", "county", "rural", "committee", null),
            new(2, "C", "县", "county", "rural", "committee", null),
            new(3, "T", "镇", "township", "rural", "committee", "NOPE"),
            new(4, "V", "村", "village", "rural", "branch", "C"),
            new(5, "A", "甲", "township", "rural", "committee", "B"),
            new(6, "B", "乙", "township", "rural", "committee", "A"),
        ];

        var errors = new TreeImport(_ => true).Build(rows, Nothing, Now).Errors;

        Assert.Contains(errors, e => e is { Row: 2, Field: "code" } && e.Message.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Row: 3, Field: "parentCode" } && e.Message.Contains("NOPE", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Row: 4, Field: "tier" });
        Assert.Contains(errors, e => e is { Row: 5 } && e.Message.Contains("loop", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Row: 6 } && e.Message.Contains("loop", StringComparison.Ordinal));
    }

    [Fact]
    public void Existing_codes_are_updated_in_place_and_outside_scope_is_refused()
    {
        var county = Organisation.Register("C", "县", OrganisationTier.County, Area.Rural, OrganisationKind.Committee, null, Now);
        var existing = new Dictionary<string, Organisation> { ["C"] = county };
        List<ImportRow> rows =
        [
            new(1, "C", "新县名", "county", "rural", "committee", null),
            new(2, "T", "镇", "township", "rural", "committee", "C"),
        ];

        var plan = new TreeImport(_ => true).Build(rows, existing, Now);
        Assert.Equal((1, 1), (plan.Created.Count, plan.Updated.Count));
        Assert.Equal(("新县名", 2L), (county.Name, county.Version));

        // Under a parent the caller may not change, or under a code nobody has: the same words.
        var refused = new TreeImport(path => path.Length > 0 && path != county.Path).Build(
            [new(1, "T2", "镇", "township", "rural", "committee", "C"), new(2, "T3", "镇", "township", "rural", "committee", "X")], existing, Now);
        Assert.Equal(["no organisation you may change has code 'C'", "no organisation you may change has code 'X'"], refused.Errors.Select(e => e.Message));
    }

    [Fact]
    public void A_chain_of_a_hundred_thousand_parents_listed_children_first_is_planned_in_one_walk()
    {
        const int n = 100_000;
        string[] tiers = ["county", "township", "village", "group"];
        var rows = Enumerable.Range(0, n)
            .Select(i => new ImportRow(n - i, $"R{i}", $"第{i}级", tiers[i % 4], "rural", i % 4 == 3 ? "group" : "committee", i == 0 ? null : $"R{i - 1}"))
            .Reverse()
            .ToList();

        var plan = new TreeImport(_ => true).Build(rows, Nothing, Now, CancellationToken.None);

        Assert.Equal(["R0", "R1", "R2", "R3"], plan.Created.Select(o => o.Code));
        Assert.Equal(n - 4, plan.Errors.Count);
        Assert.Equal("tier", plan.Errors.Single(e => e.Row == n - 4).Field);
        Assert.All(plan.Errors.Where(e => e.Row < n - 4), e => Assert.Contains("has errors", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Planning_stops_when_the_caller_gives_up()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Throws<OperationCanceledException>(() => new TreeImport(_ => true).Build(County(), Nothing, Now, cancelled.Token));
    }

    [Fact]
    public void Csv_with_quotes_and_json_read_into_the_same_rows()
    {
        var csv = ImportFile.FromCsv("code,name,tier,area,kind,parentCode\r\nC,\"遵义县, \"\"播州\"\"\",county,rural,committee,\r\nT,龙坑镇,township,rural,committee,C\r\n");
        var json = ImportFile.FromJson("""{ "organisations": [ { "code": "C", "name": "遵义县, \"播州\"", "tier": "county", "area": "rural", "kind": "committee" }, { "code": "T", "name": "龙坑镇", "tier": "township", "area": "rural", "kind": "committee", "parentCode": "C" } ] }""");

        Assert.Equal(json, csv);
        Assert.Equal("遵义县, \"播州\"", csv[0].Name);
        Assert.Throws<FormatException>(() => ImportFile.FromCsv("name,tier\nx,county"));
    }

    [Fact]
    public void A_csv_saved_by_excel_in_gbk_reads_as_the_same_rows_as_utf8_and_garbage_is_refused()
    {
        const string csv = "code,name,tier,area,kind,parentCode\nC,遵义县,county,rural,committee,\nT,茅台镇,township,rural,committee,C\n";
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = System.Text.Encoding.GetEncoding("GBK").GetBytes(csv);
        var utf8 = System.Text.Encoding.UTF8.GetBytes(csv);
        var withBom = System.Text.Encoding.UTF8.Preamble.ToArray().Concat(utf8).ToArray();

        var expected = ImportFile.FromCsv(csv);
        Assert.Equal("茅台镇", expected[1].Name);
        Assert.Equal(expected, ImportFile.FromCsv(ImportFiles.Decode(gbk, null)));
        Assert.Equal(expected, ImportFile.FromCsv(ImportFiles.Decode(gbk, "GBK")));
        Assert.Equal(expected, ImportFile.FromCsv(ImportFiles.Decode(utf8, null)));
        Assert.Equal(expected, ImportFile.FromCsv(ImportFiles.Decode(withBom, "utf-8")));
        Assert.Throws<FormatException>(() => ImportFiles.Decode([0x63, 0x6F, 0xFF, 0x80, 0xFF], null));
        Assert.Throws<FormatException>(() => ImportFiles.Decode(utf8, "iso-8859-1"));
    }
}
