using PartyGrid.ServiceDefaults.PersonalData;

namespace PartyGrid.Members.Api;

/// <summary>Field checks shared by registering and amending a member.</summary>
public static class MemberInput
{
    public const int MaxSkills = 20;
    public const int MaxSkillLength = 50;

    /// <summary>Skills as lower-case, trimmed, distinct tags (<c>legal</c>, <c>agricultural-technology</c>).</summary>
    public static IReadOnlyList<string> Skills(FieldErrors errors, string field, string[]? skills)
    {
        if (skills is null)
        {
            return [];
        }

        var tags = skills.Select(s => s?.Trim().ToLowerInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (tags.Count > MaxSkills)
        {
            errors.Add(field, $"at most {MaxSkills} skills");
        }

        if (tags.Any(t => t.Length is 0 or > MaxSkillLength))
        {
            errors.Add(field, $"each skill must be 1 to {MaxSkillLength} characters");
        }

        return tags;
    }

    public static string? Phone(FieldErrors errors, string? phone, bool required)
    {
        if (phone is null && !required)
        {
            return null;
        }

        if (PhoneFormat.TryNormalise(phone, out var normalised))
        {
            return normalised;
        }

        errors.Add("phone", "must be a mainland mobile (11 digits) or a landline with its area code");
        return null;
    }

    /// <summary>A support reason is required exactly when the member needs support (困难党员).</summary>
    public static string? SupportReason(FieldErrors errors, bool needsSupport, string? reason)
    {
        if (!needsSupport)
        {
            return null;
        }

        return errors.Required("supportReason", reason, 500);
    }

    public static string? Optional(FieldErrors errors, string field, string? value, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : errors.Required(field, value, maxLength);
}
