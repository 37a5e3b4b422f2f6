using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Members.Api;

/// <summary>
/// The ways to personal data beyond the mask (PIPL): a reveal for <c>pii-reader</c>, and exact-match
/// lookups for <c>org-admin</c> and <c>pii-reader</c> — each within the caller's scope, with a stated
/// reason, and recorded before anything is returned.
/// </summary>
public static class PersonalDataApi
{
    public const string ReasonHeader = "X-Reason";

    public static RouteGroupBuilder MapPersonalDataApi(this RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/personal-data", Reveal)
            .WithSummary("Unmasked identity number, phone and birth date: pii-reader only, X-Reason header (percent-encoded UTF-8) required, every access audited.");
        api.MapPost("/lookup", Lookup)
            .WithSummary($"Find members by exact identity number or phone, sent in the body so they never appear in a URL or a log: org-admin or pii-reader, X-Reason header required, every lookup (hit or miss) audited, {LookupAllowance.PerMinute} a minute per caller.");
        api.MapGet("/personal-data-access", Audit).RequireAuthorization(Policies.Admin).WithSummary("The audit log of personal-data reveals and lookups (admin); newest last, cursor-paged.");
        return api;
    }

    private static async Task<Results<Ok<PersonalDataResponse>, ValidationProblem, ProblemHttpResult>> Reveal(
        Guid id,
        Caller caller,
        MembersDbContext db,
        MemberAccess access,
        PersonalDataProtector protector,
        TimeProvider time,
        HttpRequest request,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        // Admin alone is not enough: reading personal data is a permission of its own.
        if (!caller.Roles.Contains(Roles.PiiReader))
        {
            return Problems.Forbidden("Personal data is readable only with the pii-reader permission.");
        }

        var errors = new FieldErrors();
        var reason = Reason(request, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (member, refusal) = await access.ForReadAsync(caller, id, cancellationToken);
        if (member is null)
        {
            return refusal!;
        }

        Record(db, caller, PersonalDataUse.Reveal, member.Id, reason!, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PersonalDataResponse(
            member.Id,
            member.Name,
            protector.Decrypt(PersonalField.IdNumber, member.Id, member.IdNumberCipher),
            protector.Decrypt(PersonalField.Phone, member.Id, member.PhoneCipher),
            member.BirthDate,
            WireName.Of(member.Gender)));
    }

    private static async Task<Results<Ok<MemberMatches>, ValidationProblem, ProblemHttpResult>> Lookup(
        MemberLookupRequest request,
        Caller caller,
        MembersDbContext db,
        MemberAccess access,
        PersonalDataProtector protector,
        TimeProvider time,
        HttpRequest httpRequest,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        // A lookup confirms a guessed number: a working need of those who register and vet members.
        if (!caller.HasRole(Roles.OrgAdmin) && !caller.Roles.Contains(Roles.PiiReader))
        {
            return Problems.Forbidden("Looking members up by identity number or phone needs org-admin or pii-reader.");
        }

        var errors = new FieldErrors();
        var reason = Reason(httpRequest, errors);
        if (LookupForm.Read(request, errors) is not { } form || reason is null)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var now = time.GetUtcNow();
        if (await LookupAllowance.WaitAsync(db.PersonalDataAccesses, caller.Subject, now, cancellationToken) is { } wait)
        {
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Problems.Of(StatusCodes.Status429TooManyRequests, "lookup-limit",
                $"At most {LookupAllowance.PerMinute} lookups a minute; try again in {response.Headers.RetryAfter} s.");
        }

        var matches = await MatchesAsync(form, caller, db, access, protector, cancellationToken);
        Record(db, caller, PersonalDataUse.Lookup, null, reason, now, [.. matches.Select(m => m.Id)]);
        await db.SaveChangesAsync(cancellationToken);
        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new MemberMatches([.. matches.Select(m => MemberResponse.From(m, protector))]));
    }

    /// <summary>The members whose identity number and/or phone match exactly, among those the caller sees.</summary>
    private static async Task<List<Member>> MatchesAsync(
        LookupForm form, Caller caller, MembersDbContext db, MemberAccess access, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var rows = db.Members.AsNoTracking();
        if (form.IdNumber is { } id)
        {
            var lookups = protector.Lookups(PersonalField.IdNumber, id.Value);
            rows = rows.Where(m => lookups.Contains(m.IdNumberLookup));
        }

        if (form.Phone is { } phone)
        {
            var lookups = protector.Lookups(PersonalField.Phone, phone);
            rows = rows.Where(m => lookups.Contains(m.PhoneLookup));
        }

        var matches = new List<Member>();
        foreach (var member in await rows.OrderBy(m => m.Id).Take(PageRequest.MaxLimit).ToListAsync(cancellationToken))
        {
            // Matches outside the caller's scope are left out, as if they did not exist.
            if (await access.SeesAsync(caller, member.OrganisationId, cancellationToken))
            {
                matches.Add(member);
            }
        }

        return matches;
    }

    private static async Task<Results<Ok<Page<PersonalDataAccessResponse>>, ValidationProblem, ProblemHttpResult>> Audit(
        Guid? memberId, int? limit, string? cursor, Caller caller, MembersDbContext db, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var rows = db.PersonalDataAccesses.AsNoTracking();
        if (memberId is { } m)
        {
            rows = rows.Where(a => a.MemberId == m || a.MatchedMemberIds.Contains(m));
        }

        return TypedResults.Ok(await rows.ToPageAsync(page, PersonalDataAccessResponse.From, cancellationToken));
    }

    /// <summary>The stated reason: HTTP headers are ASCII, so a reason in Chinese arrives percent-encoded UTF-8 (encodeURIComponent).</summary>
    private static string? Reason(HttpRequest request, FieldErrors errors)
    {
        var reason = errors.Required(ReasonHeader, Uri.UnescapeDataString(request.Headers[ReasonHeader].ToString()), 500);
        if (reason is { Length: < 4 })
        {
            errors.Add(ReasonHeader, "must state the reason in a few words");
        }

        return reason;
    }

    private static void Record(
        MembersDbContext db, Caller caller, PersonalDataUse use, Guid? memberId, string reason, DateTimeOffset now, Guid[]? matched = null) =>
        db.PersonalDataAccesses.Add(new PersonalDataAccess
        {
            Id = Guid.CreateVersion7(now),
            Use = use,
            MemberId = memberId,
            MatchedMemberIds = matched ?? [],
            ReaderSubject = caller.Subject,
            ReaderName = caller.Name,
            ReaderOrganisationId = caller.HomeOrganisationId,
            Reason = reason,
            AccessedAt = now,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
}
