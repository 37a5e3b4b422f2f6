using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Contracts;
using PartyGrid.Members.Data;
using PartyGrid.Members.Domain;
using PartyGrid.ServiceDefaults.Identity;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.PersonalData;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Members.Api;

/// <summary>
/// The one way to unmasked personal data (PIPL): <c>pii-reader</c>, within the reader's scope, with a
/// stated reason, and every access recorded before the data is returned.
/// </summary>
public static class PersonalDataApi
{
    public const string ReasonHeader = "X-Reason";

    public static RouteGroupBuilder MapPersonalDataApi(this RouteGroupBuilder api)
    {
        api.MapGet("/{id:guid}/personal-data", Reveal)
            .WithSummary("Unmasked identity number and phone: pii-reader only, X-Reason header (percent-encoded UTF-8) required, every access audited.");
        api.MapGet("/personal-data-access", Audit).WithSummary("The audit log of personal-data accesses (admin); newest last, cursor-paged.");
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
        // HTTP headers are ASCII: a reason in Chinese arrives percent-encoded UTF-8 (encodeURIComponent).
        var reason = errors.Required(ReasonHeader, Uri.UnescapeDataString(request.Headers[ReasonHeader].ToString()), 500);
        if (reason is { Length: < 4 })
        {
            errors.Add(ReasonHeader, "must state the reason in a few words");
        }

        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (member, refusal) = await access.ForReadAsync(caller, id, cancellationToken);
        if (member is null)
        {
            return refusal!;
        }

        var now = time.GetUtcNow();
        db.PersonalDataAccesses.Add(new PersonalDataAccess
        {
            Id = Guid.CreateVersion7(now),
            MemberId = member.Id,
            ReaderSubject = caller.Subject,
            ReaderName = caller.Name,
            ReaderOrganisationId = caller.HomeOrganisationId,
            Reason = reason!,
            AccessedAt = now,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);

        response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new PersonalDataResponse(
            member.Id,
            member.Name,
            protector.Decrypt(PersonalField.IdNumber, member.IdNumberCipher),
            protector.Decrypt(PersonalField.Phone, member.PhoneCipher),
            member.BirthDate,
            WireName.Of(member.Gender)));
    }

    private static async Task<Results<Ok<Page<PersonalDataAccessResponse>>, ValidationProblem, ProblemHttpResult>> Audit(
        Guid? memberId, int? limit, string? cursor, Caller caller, MembersDbContext db, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin)
        {
            return Problems.Forbidden("The personal-data audit log is for admin.");
        }

        var errors = new FieldErrors();
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var rows = db.PersonalDataAccesses.AsNoTracking();
        if (memberId is { } m)
        {
            rows = rows.Where(a => a.MemberId == m);
        }

        return TypedResults.Ok(await rows.ToPageAsync(page, PersonalDataAccessResponse.From, cancellationToken));
    }
}
