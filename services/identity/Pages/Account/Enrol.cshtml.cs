using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PartyGrid.Identity.Accounts;
using PartyGrid.Identity.SignIn;
using QRCoder;

namespace PartyGrid.Identity.Pages.Account;

/// <summary>TOTP enrolment: the shared key as an otpauth QR code, a first code to prove it works, then recovery codes once.</summary>
public sealed class EnrolModel(UserManager<StaffAccount> users, AccountAuditLog audit, SignInFlow flow) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty]
    public string? Code { get; set; }

    public string SharedKey { get; private set; } = string.Empty;

    public string QrCode { get; private set; } = string.Empty;

    public string? Error { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await flow.PendingAsync(SignInFlow.EnrolPage) is not { } pending)
        {
            return LocalRedirect(SignInSchemes.LoginPath);
        }

        await ShowKeyAsync(pending.Account);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await flow.PendingAsync(SignInFlow.EnrolPage) is not { } pending)
        {
            return LocalRedirect(SignInSchemes.LoginPath);
        }

        var account = pending.Account;
        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (code.Length != 6 || !await users.VerifyTwoFactorTokenAsync(account, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            Error = "验证码不正确，请确认手机时间准确后重试。";
            await ShowKeyAsync(account);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(account, true);
        RecoveryCodes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount))?.ToList() ?? [];
        await audit.WriteAsync(AuditActions.SecondFactorEnrolled, AuditOutcomes.Succeeded, account, account.Id.ToString());
        await flow.RememberAsync(account, pending.ReturnUrl, secondFactorDone: true);
        return Page();
    }

    /// <summary>After the recovery codes were shown: the enrolment proved the second factor for this sign-in.</summary>
    public async Task<IActionResult> OnPostContinueAsync() =>
        await flow.ContinueAfterEnrolmentAsync() ?? LocalRedirect(SignInSchemes.LoginPath);

    private async Task ShowKeyAsync(StaffAccount account)
    {
        var key = await users.GetAuthenticatorKeyAsync(account);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(account);
            key = await users.GetAuthenticatorKeyAsync(account);
        }

        SharedKey = key!;
        var uri = $"otpauth://totp/PartyGrid:{Uri.EscapeDataString(account.UserName!)}?secret={key}&issuer=PartyGrid&digits=6&period=30";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        QrCode = "data:image/svg+xml;base64," + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(svg));
    }
}
