using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Members.Api;

/// <summary>
/// A new member as the registration form reads them: every field checked, the identity number
/// against the birth date and gender, the joining date against age and today, the status against its
/// dates; each error under its field's name. Only a form without errors is returned.
/// </summary>
public sealed record RegistrationForm(
    Guid OrgId, MemberProfile Profile, IdentityNumber IdNumber, string Phone, DateOnly JoinedOn, MemberStatus Status, DateOnly? FullMembershipOn)
{
    public static RegistrationForm? Read(RegisterMemberRequest request, DateOnly today, FieldErrors errors)
    {
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
        return errors.Any
            ? null
            : new RegistrationForm(orgId!.Value, new MemberProfile(name!, ethnicity, education, skills, supportReason), idNumber, phone!,
                request.JoinedOn!.Value, status!.Value, request.FullMembershipOn);
    }

    public Member Join(Guid organisationId, PersonalDataProtector protector, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return Member.Join(
            id,
            Profile,
            organisationId,
            IdNumber,
            protector.Protect(PersonalField.IdNumber, id, IdNumber.Value),
            protector.Protect(PersonalField.Phone, id, Phone),
            JoinedOn,
            Status,
            FullMembershipOn,
            now);
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
}
