using System.Text.RegularExpressions;
using PartyGrid.Identity.Accounts;
using PartyGrid.ServiceDefaults.Problems;

namespace PartyGrid.Identity.Api;

/// <summary>
/// A new staff account as the form reads it: a user name of the allowed shape (lower-cased), a
/// display name, a home organisation, 1 to 5 known roles, and a chosen first password that passes
/// the password rules; each error under its field's name. Only a form without errors is returned.
/// </summary>
public sealed partial record StaffForm(
    string UserName, string DisplayName, Guid HomeOrganisationId, string[] Roles, string? InitialPassword, bool MustChangePassword)
{
    public static StaffForm? Read(CreateStaffRequest request, FieldErrors errors)
    {
        var userName = errors.Required("userName", request.UserName, 64)?.ToLowerInvariant();
        if (userName is not null && !UserNamePattern().IsMatch(userName))
        {
            errors.Add("userName", "must be 3 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        var displayName = errors.Required("displayName", request.DisplayName, 100);
        var homeId = errors.Required("homeOrganisationId", request.HomeOrganisationId);
        var roles = ValidRoles(request.Roles, errors);
        if (request.InitialPassword is { } chosen && PasswordRules.Weakness(userName ?? string.Empty, chosen) is { } weakness)
        {
            errors.Add("initialPassword", weakness.Description);
        }

        return errors.Any
            ? null
            : new StaffForm(userName!, displayName!, homeId!.Value, roles!, request.InitialPassword, request.MustChangePassword ?? true);
    }

    public StaffAccount NewAccount(DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(),
        UserName = UserName,
        DisplayName = DisplayName,
        HomeOrganisationId = HomeOrganisationId,
        Roles = Roles.Order(StringComparer.Ordinal).ToList(),
        CreatedAt = now,
        Version = 1,
    };

    public static string[]? ValidRoles(string[]? roles, FieldErrors errors)
    {
        if (roles is not { Length: > 0 and <= 5 })
        {
            errors.Add("roles", $"name 1 to 5 roles of: {string.Join(", ", global::PartyGrid.ServiceDefaults.Identity.Roles.All)}");
            return null;
        }

        foreach (var role in roles.Where(r => !StaffAccount.IsRole(r)))
        {
            errors.Add("roles", $"'{role}' is not a role; roles are {string.Join(", ", global::PartyGrid.ServiceDefaults.Identity.Roles.All)}");
        }

        return errors.Any ? null : roles.Distinct(StringComparer.Ordinal).ToArray();
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex UserNamePattern();
}
