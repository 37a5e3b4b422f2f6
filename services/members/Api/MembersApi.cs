using Microsoft.AspNetCore.Http.HttpResults;
using PartyGrid.ServiceDefaults.Hosting;
using PartyGrid.ServiceDefaults.Http;
using PartyGrid.ServiceDefaults.Idempotency;
using PartyGrid.ServiceDefaults.Messaging;
using PartyGrid.ServiceDefaults.Paging;
using PartyGrid.ServiceDefaults.Persistence;
using PartyGrid.ServiceDefaults.PersonalData;

using PartyGrid.ServiceDefaults.Snapshots;

namespace PartyGrid.Members.Api;

public static class MembersApi
{
    public static void MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/members").WithTags("Members");
        app.MapSnapshotRepublishing("/api/v1/members");
        app.MapRunNow<Jobs.TransferExpiryJob>("/api/v1/members/jobs/transfer-expiry/run", "transfer-expiry");
        app.MapRunNow<PersonalDataRotation<MembersDbContext>>("/api/v1/members/jobs/personal-data-rotation/run", "personal-data-rotation");
        api.MapPost("/", Register).WithSummary("Record a member; identity number and phone are encrypted and come back masked.")
            .WithIdempotency<MembersDbContext, RegisterMemberRequest, MemberResponse>();
        api.MapGet("/{id:guid}", Get).WithSummary("One member, personal data masked.");
        api.MapPatch("/{id:guid}", Amend).WithSummary("Change name, phone, skills, education, ethnicity or support (If-Match required).");
        api.MapGet("/", List).WithSummary("Members of an organisation (or its subtree), by status, name, skill or support; cursor-paged.");
        api.MapMembershipApi();
        api.MapPersonalDataApi();
        api.MapMobilityApi();
        app.MapMobileMembersApi();
        app.MapTransfersApi();
        app.MapServiceTeamsApi();
    }

    private static async Task<Results<Created<MemberResponse>, ValidationProblem, ProblemHttpResult>> Register(
        RegisterMemberRequest request, Caller caller, MembersDbContext db, MemberAccess access, PersonalDataProtector protector, TimeProvider time,
        HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (RegistrationForm.Read(request, ChinaTime.Today(time), errors) is not { } form)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (organisation, refusal) = await access.ForNewWorkAsync(caller, form.OrgId, "orgId", cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        if (await access.RecordedElsewhereAsync(caller, protector.Lookups(PersonalField.IdNumber, form.IdNumber.Value), cancellationToken) is { } recorded)
        {
            return recorded;
        }

        var now = time.GetUtcNow();
        var member = form.Join(organisation.Id, protector, now);
        db.Members.Add(member);
        db.Publish(member.ToEvent(), now);
        var created = MemberResponse.From(member, protector);
        if (await db.SaveOrProblemAsync(cancellationToken, _ => MemberAccess.MemberExists()) is { } problem)
        {
            return problem;
        }

        ETag.Set(response, member.Version);
        return TypedResults.Created($"/api/v1/members/{member.Id}", created);
    }


    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> Get(
        Guid id, Caller caller, MemberAccess access, PersonalDataProtector protector, HttpResponse response, CancellationToken cancellationToken)
    {
        var (member, refusal) = await access.ForReadAsync(caller, id, cancellationToken);
        if (member is null)
        {
            return refusal!;
        }

        ETag.Set(response, member.Version);
        return TypedResults.Ok(MemberResponse.From(member, protector));
    }

    private static async Task<Results<Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> Amend(
        Guid id, AmendMemberRequest request, Caller caller, MembersDbContext db, MemberAccess access, PersonalDataProtector protector,
        TimeProvider time, HttpRequest httpRequest, HttpResponse response, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var name = request.Name is null ? null : errors.Required("name", request.Name, 100);
        var education = request.Education;
        var ethnicity = MemberInput.Optional(errors, "ethnicity", request.Ethnicity, 20);
        var skills = request.Skills is null ? null : MemberInput.Skills(errors, "skills", request.Skills);
        var phone = MemberInput.Phone(errors, request.Phone, required: false);
        var (member, refusal) = await access.ForChangeAsync(caller, id, cancellationToken);
        var needsSupport = request.NeedsSupport ?? member?.NeedsSupport ?? false;
        var supportReason = MemberInput.SupportReason(errors, needsSupport, request.SupportReason ?? member?.SupportReason);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (member is null)
        {
            return refusal!;
        }

        if (ETag.Check(httpRequest, member.Version) is { } precondition)
        {
            return precondition;
        }

        member.EnsureActive();

        var now = time.GetUtcNow();
        member.Amend(
            new MemberProfile(name ?? member.Name, ethnicity ?? member.Ethnicity, education ?? member.Education, skills ?? member.Skills, supportReason),
            phone is null ? null : protector.Protect(PersonalField.Phone, member.Id, phone),
            now);
        db.Publish(member.ToEvent(), now);
        if (await db.SaveOrProblemAsync(cancellationToken) is { } problem)
        {
            return problem;
        }

        ETag.Set(response, member.Version);
        return TypedResults.Ok(MemberResponse.From(member, protector));
    }

    private static async Task<Results<Ok<Page<MemberResponse>>, ValidationProblem, ProblemHttpResult>> List(
        Guid? orgId, bool? subtree, string? status, string? query, string? skill, bool? needsSupport, int? limit, string? cursor,
        Caller caller, MemberAccess access, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statusFilter = errors.Enum<MemberStatus>("status", status, required: false);
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        if (await access.ListedAsync(caller, orgId, subtree == true, cancellationToken) is not { } rows)
        {
            return Problems.NotFound("The organisation");
        }

        if (statusFilter is { } s)
        {
            rows = rows.Where(m => m.Status == s);
        }

        if (!string.IsNullOrWhiteSpace(query))
        {
            var pattern = SqlLike.Containing(query.Trim());
            rows = rows.Where(m => EF.Functions.ILike(m.Name, pattern));
        }

        if (!string.IsNullOrWhiteSpace(skill))
        {
            var tag = skill.Trim().ToLowerInvariant();
            rows = rows.Where(m => m.Skills.Contains(tag));
        }

        if (needsSupport is { } support)
        {
            rows = rows.Where(m => m.NeedsSupport == support);
        }

        return TypedResults.Ok(await rows.ToPageAsync(page, m => MemberResponse.From(m, protector), cancellationToken));
    }
}
