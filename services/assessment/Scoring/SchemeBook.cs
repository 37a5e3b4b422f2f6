using System.Text.Json;

namespace PartyGrid.Assessment.Scoring;

/// <summary>The weights, floors and thresholds of a scheme version as stored and as sent over the API.</summary>
public sealed record SchemeDocument(
    IReadOnlyDictionary<string, decimal> Weights,
    IReadOnlyDictionary<string, decimal> Floors,
    SchemeThresholds Thresholds);

public sealed record SchemeThresholds(decimal DoubleSatisfaction);

/// <summary>
/// The saved scheme versions. A month is scored with the newest version effective from it or earlier;
/// a closed month with the version it was closed under. With nothing saved the default is version 1.
/// </summary>
public sealed class SchemeBook(AssessmentDbContext db)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AssessmentScheme> NewestAsync(CancellationToken cancellationToken) =>
        await db.Schemes.AsNoTracking().OrderByDescending(s => s.Version).FirstOrDefaultAsync(cancellationToken) is { } record
            ? FromRecord(record)
            : AssessmentScheme.Default;

    public async Task<AssessmentScheme> InForceAsync(AssessmentPeriod period, CancellationToken cancellationToken)
    {
        var text = period.ToString();
        if (await db.ClosedPeriods.AsNoTracking().FirstOrDefaultAsync(p => p.Period == text, cancellationToken) is { } closed)
        {
            return await VersionAsync(closed.SchemeVersion, cancellationToken);
        }

        var record = await db.Schemes.AsNoTracking()
            .Where(s => string.Compare(s.EffectiveFrom, text) <= 0)
            .OrderByDescending(s => s.EffectiveFrom).ThenByDescending(s => s.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return record is null ? AssessmentScheme.Default : FromRecord(record);
    }

    public void Save(AssessmentScheme scheme) => db.Schemes.Add(new SchemeRecord
    {
        Version = scheme.Version,
        EffectiveFrom = scheme.EffectiveFrom.ToString(),
        Document = JsonSerializer.Serialize(ToDocument(scheme), Json),
        CreatedAt = scheme.CreatedAt,
        CreatedBy = scheme.CreatedBy,
    });

    public static SchemeDocument ToDocument(AssessmentScheme scheme) => new(
        scheme.Weights.ToDictionary(w => w.Key.JsonName(), w => w.Value),
        scheme.Floors.ToDictionary(f => f.Key.JsonName(), f => f.Value),
        new SchemeThresholds(scheme.DoubleSatisfactionThreshold));

    private async Task<AssessmentScheme> VersionAsync(int version, CancellationToken cancellationToken) =>
        await db.Schemes.AsNoTracking().FirstOrDefaultAsync(s => s.Version == version, cancellationToken) is { } record
            ? FromRecord(record)
            : AssessmentScheme.Default;

    private static AssessmentScheme FromRecord(SchemeRecord record)
    {
        var document = JsonSerializer.Deserialize<SchemeDocument>(record.Document, Json)
            ?? throw new InvalidOperationException($"Scheme version {record.Version} has an empty document.");
        _ = AssessmentPeriod.TryParse(record.EffectiveFrom, out var from);
        return new AssessmentScheme(
            record.Version,
            from,
            Parse(document.Weights),
            Parse(document.Floors),
            document.Thresholds.DoubleSatisfaction,
            record.CreatedAt,
            record.CreatedBy);
    }

    private static Dictionary<Indicator, decimal> Parse(IReadOnlyDictionary<string, decimal> values)
    {
        var parsed = new Dictionary<Indicator, decimal>();
        foreach (var (name, value) in values)
        {
            if (Indicators.TryParse(name, out var indicator))
            {
                parsed[indicator] = value;
            }
        }

        return parsed;
    }
}
