using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyGrid.Identity.Data;

namespace PartyGrid.Identity.Accounts;

/// <summary>A password an account had, kept so that none of the last <see cref="PasswordRules.HistoryDepth"/> comes back.</summary>
public sealed class PasswordHistoryEntry
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AccountId { get; init; }

    public required string PasswordHash { get; init; }

    public DateTimeOffset SetAt { get; init; }
}

/// <summary>
/// Passwords fit for a GB/T 22239 level-3 system: at least 8 characters from at least 3 of the 4
/// classes (lower case, upper case, digits, symbols), not containing the user name, and none of the
/// account's last 5 passwords.
/// </summary>
public sealed class PasswordRules(AccountsDbContext db, IPasswordHasher<StaffAccount> hasher) : IPasswordValidator<StaffAccount>
{
    public const int MinimumLength = 8;
    public const int HistoryDepth = 5;

    public async Task<IdentityResult> ValidateAsync(UserManager<StaffAccount> manager, StaffAccount user, string? password)
    {
        if (Weakness(user.UserName ?? string.Empty, password ?? string.Empty) is { } weakness)
        {
            return IdentityResult.Failed(weakness);
        }

        var recent = await db.PasswordHistory.AsNoTracking()
            .Where(h => h.AccountId == user.Id)
            .OrderByDescending(h => h.SetAt)
            .Take(HistoryDepth)
            .Select(h => h.PasswordHash)
            .ToListAsync();
        return recent.Any(hash => hasher.VerifyHashedPassword(user, hash, password!) != PasswordVerificationResult.Failed)
            ? IdentityResult.Failed(new IdentityError { Code = "password-reused", Description = $"不能与最近 {HistoryDepth} 次使用的密码相同" })
            : IdentityResult.Success;
    }

    /// <summary>What is wrong with a password regardless of history, or null.</summary>
    public static IdentityError? Weakness(string userName, string password)
    {
        if (password.Length < MinimumLength)
        {
            return new IdentityError { Code = "password-too-short", Description = $"密码至少 {MinimumLength} 位" };
        }

        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        if (classes < 3)
        {
            return new IdentityError { Code = "password-too-simple", Description = "密码须包含小写字母、大写字母、数字、符号中的至少三类" };
        }

        return userName.Length > 0 && password.Contains(userName, StringComparison.OrdinalIgnoreCase)
            ? new IdentityError { Code = "password-contains-user-name", Description = "密码不能包含用户名" }
            : null;
    }

    /// <summary>A one-time password that meets the rules: 16 characters from all four classes.</summary>
    public static string OneTime()
    {
        const string lower = "abcdefghijkmnpqrstuvwxyz", upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", digits = "23456789", symbols = "!@#$%&*-_=+";
        const string all = lower + upper + digits + symbols;
        var chars = new char[16];
        chars[0] = lower[System.Security.Cryptography.RandomNumberGenerator.GetInt32(lower.Length)];
        chars[1] = upper[System.Security.Cryptography.RandomNumberGenerator.GetInt32(upper.Length)];
        chars[2] = digits[System.Security.Cryptography.RandomNumberGenerator.GetInt32(digits.Length)];
        chars[3] = symbols[System.Security.Cryptography.RandomNumberGenerator.GetInt32(symbols.Length)];
        for (var i = 4; i < chars.Length; i++)
        {
            chars[i] = all[System.Security.Cryptography.RandomNumberGenerator.GetInt32(all.Length)];
        }

        System.Security.Cryptography.RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
