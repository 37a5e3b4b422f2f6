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
        RegisterMemberRequest request,
        Caller caller,
        MembersDbContext db,
        MemberAccess access,
        PersonalDataProtector protector,
        TimeProvider time,
        HttpResponse response,
        CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(time);
        var errors = new FieldErrors();
        var orgId = errors.Required("orgId", request.OrgId);
        var name = errors.Required("name", request.Name, 100);
        var gender = errors.Required("gender", request.Gender);
        var status = errors.Required("status", request.Status);
        var education = request.Education;
        var ethnicity = MemberInput.Optional(errors, "ethnicity", request.Ethnicity, 20);
        var skills = MemberInput.Skills(errors, "skills", request.Skills);
        var phone = MemberInput.Phone(errors, request.Phone, required: true);
        var supportReason = MemberInput.SupportReason(errors, request.NeedsSupport == true, request.SupportReason);
        if (request.BirthDate is null)
        {
            errors.Add("birthDate", "is required");
        }

        if (!IdentityNumber.TryParse(request.IdNumber, out var idNumber, out var idProblem))
        {
            errors.Add("idNumber", idProblem);
        }
        else if (request.BirthDate is { } birth && birth != idNumber.BirthDate)
        {
            errors.Add("idNumber", "does not match birthDate");
        }
        else if (gender is { } g && g != idNumber.Gender)
        {
            errors.Add("gender", "does not match the identity number");
        }

        if (request.JoinedOn is not { } joinedOn)
        {
            errors.Add("joinedOn", "is required");
        }
        else if (joinedOn > today)
        {
            errors.Add("joinedOn", "cannot be in the future");
        }
        else if (request.BirthDate is { } birth && !Probation.OldEnough(birth, joinedOn))
        {
            errors.Add("joinedOn", $"members join at {Probation.MinimumAge} or older");
        }

        CheckStatus(errors, status, request.JoinedOn, request.FullMembershipOn, today);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var (organisation, refusal) = await access.ForNewWorkAsync(caller, orgId!.Value, "orgId", cancellationToken);
        if (organisation is null)
        {
            return refusal!;
        }

        // Checked before the unique index would: it compares today's hash only (a row not yet re-hashed after a
        // lookup-key change carries the old one), and a member the caller cannot see must not be confirmed.
        var known = protector.Lookups(PersonalField.IdNumber, idNumber.Value);
        var recorded = await db.Members.AsNoTracking().Where(m => known.Contains(m.IdNumberLookup)).Select(m => (Guid?)m.OrganisationId)
            .FirstOrDefaultAsync(cancellationToken);
        if (recorded is { } recordedAt)
        {
            return await access.SeesAsync(caller, recordedAt, cancellationToken)
                ? Problems.Conflict("member-exists", "A member with this identity number is already recorded.")
                : Problems.Field("idNumber", IdentityNumber.Unusable);
        }

        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var member = Member.Join(
            id,
            new MemberProfile(name!, ethnicity, education, skills, supportReason),
            organisation.Id,
            idNumber,
            protector.Protect(PersonalField.IdNumber, id, idNumber.Value),
            protector.Protect(PersonalField.Phone, id, phone!),
            request.JoinedOn!.Value,
            status!.Value,
            request.FullMembershipOn,
            now);
        db.Members.Add(member);
        db.Publish(member.ToEvent(), now);
        var location = $"/api/v1/members/{member.Id}";
        var created = MemberResponse.From(member, protector);
        if (await db.SaveOrProblemAsync(cancellationToken, _ => Problems.Conflict("member-exists", "A member with this identity number is already recorded.")) is { } problem)
        {
            return problem;
        }

        ETag.Set(response, member.Version);
        return TypedResults.Created(location, created);
    }

    private static void CheckStatus(FieldErrors errors, MemberStatus? status, DateOnly? joinedOn, DateOnly? fullOn, DateOnly today)
    {
        if (status == MemberStatus.Left)
        {
            errors.Add("status", "a member is recorded as probationary or full");
        }

        if (status != MemberStatus.Full || joinedOn is not { } joined)
        {
            if (fullOn is not null)
            {
                errors.Add("fullMembershipOn", "applies only to a member recorded as full");
            }

            return;
        }

        var probationEnd = Probation.EndOf(joined);
        if (probationEnd > today)
        {
            errors.Add("status", $"a member who joined on {joined:yyyy-MM-dd} is probationary until {probationEnd:yyyy-MM-dd}");
        }
        else if (fullOn is { } on && (on < probationEnd || on > today))
        {
            errors.Add("fullMembershipOn", $"must lie between the end of probation ({probationEnd:yyyy-MM-dd}) and today");
        }
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
        Guid id,
        AmendMemberRequest request,
        Caller caller,
        MembersDbContext db,
        MemberAccess access,
        PersonalDataProtector protector,
        TimeProvider time,
        HttpRequest httpRequest,
        HttpResponse response,
        CancellationToken cancellationToken)
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
        Guid? orgId, bool? subtree, string? status, string? query, string? skill, bool? needsSupport,
        int? limit, string? cursor,
        Caller caller, MembersDbContext db, MemberAccess access, PersonalDataProtector protector, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var statusFilter = errors.Enum<MemberStatus>("status", status, required: false);
        var page = PageRequest.Parse(limit, cursor, errors);
        if (errors.Any)
        {
            return Problems.Validation(errors.ToDictionary());
        }

        var rows = db.Members.AsNoTracking();
        if (orgId is not null || !caller.IsAdmin)
        {
            var root = await access.Scope.ListRootAsync(caller, orgId, cancellationToken);
            if (root is null)
            {
                return Problems.NotFound("The organisation");
            }

            rows = subtree == true
                ? rows.Where(m => access.Scope.SubtreeIds(root.Path).Contains(m.OrganisationId))
                : rows.Where(m => m.OrganisationId == root.Id);
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
