using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.Organisations.Import;
using PartyGrid.ServiceDefaults.Import;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Persistence;

namespace PartyGrid.Organisations.Api;

/// <summary><c>POST /organisations/import</c>: a whole tree as JSON or CSV, all or nothing.</summary>
public static class ImportApi
{
    /// <summary>A whole county's tree; the gateway allows the same for this path.</summary>
    public const long MaxFileBytes = 16L << 20;

    public static RouteGroupBuilder MapImportApi(this RouteGroupBuilder api)
    {
        api.MapPost("/import", ImportTree)
            .Accepts<ImportFile.JsonFile>("application/json", "text/csv", ImportFiles.XlsxMediaType)
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .WithSummary("Import a tree (JSON, CSV in UTF-8 or GBK, or .xlsx; parents by code). Any bad row rejects the whole file and is named.");
        return api;
    }

    private static async Task<Results<Ok<ImportSummary>, ProblemHttpResult>> ImportTree(
        HttpRequest request, Caller caller, OrganisationsDbContext db, OrganisationAccess access, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!caller.HasRole(Roles.OrgAdmin))
        {
            return Problems.Forbidden("Importing organisations needs org-admin.");
        }

        var (rows, unreadable) = await ReadRowsAsync(request, cancellationToken);
        if (rows is null)
        {
            return unreadable!;
        }

        var codes = rows.SelectMany(r => new[] { r.Code, r.ParentCode }).OfType<string>().Select(c => c.Trim()).Distinct().ToList();
        var existing = await db.Organisations.Where(o => codes.Contains(o.Code)).ToDictionaryAsync(o => o.Code, StringComparer.Ordinal, cancellationToken);
        var scope = await access.ChangeScopeAsync(caller, cancellationToken);

        // Planned before anything is written: a large file holds no locks while it is worked out.
        var now = time.GetUtcNow();
        var plan = new TreeImport(scope).Build(rows, existing, now, cancellationToken);
        if (plan.Errors.Count > 0)
        {
            return ImportProblems.Rejected(plan.Errors);
        }

        db.Organisations.AddRange(plan.Created);
        foreach (var organisation in plan.Created.Concat(plan.Updated))
        {
            db.Publish(organisation.ToEvent(), now);
        }

        if (await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict("code-taken", "Another request registered one of these codes meanwhile; import again.")) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(new ImportSummary(plan.Created.Count, plan.Updated.Count, plan.Unchanged));
    }

    private static async Task<(IReadOnlyList<ImportRow>? Rows, ProblemHttpResult? Unreadable)> ReadRowsAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<ImportRow> rows;
        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, cancellationToken);
            var type = Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed : null;
            var media = type?.MediaType.Value ?? "application/json";
            rows = media.Equals(ImportFiles.XlsxMediaType, StringComparison.OrdinalIgnoreCase) ? ImportFile.FromRows(ImportFiles.ReadXlsx(buffer.ToArray()))
                : media.Equals("text/csv", StringComparison.OrdinalIgnoreCase) ? ImportFile.FromCsv(ImportFiles.Decode(buffer.ToArray(), type?.Charset.Value))
                : ImportFile.FromJson(ImportFiles.Decode(buffer.ToArray(), type?.Charset.Value));
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
        {
            return (null, ImportProblems.Unreadable(ex.Message));
        }

        return rows.Count > ImportProblems.MaxRows ? (null, ImportProblems.TooManyRows()) : (rows, null);
    }
}
