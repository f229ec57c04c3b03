using System.Security.Cryptography;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Registration;

/// <summary>
/// An applicant who registered with their mobile number replaces a forgotten password (忘记密码) as a government portal
/// lets them: a six-digit code texted to the number (<see cref="TextedCodes"/>' rules), then the code and the new
/// password twice, under the rule every password here follows. The password is replaced with a new stamp, which ends
/// every session and token of the account, and the lockout is cleared.
/// <para>
/// Only an enabled applicant's account whose user name is the number it proved when registering is reset this way: a
/// clerk, supervisor, window staff or administrator goes to their administrator. The page tells no one which numbers
/// have such an account: any well-formed number is answered "if this number has an account, a code was sent", and a
/// number without one gets a pending reset all the same whose hash no code matches, so that the code page counts wrong
/// codes down, expires and resends alike, and the throttles count it as a code sent.
/// </para>
/// Every code sent, code withheld, wrong code and reset is written to the sign-in audit (never the code).
/// </summary>
public sealed class PasswordReset(
    IPasswordResetCodes codes,
    TextedCodes texted,
    IUserAccounts accounts,
    PasswordSignIn signIn,
    SelfRegistrationAvailability availability,
    ApplicantMessageSettings messages,
    TimeProvider clock)
{
    private const string Purpose = CodePurposes.PasswordReset;

    /// <summary>Checks the number; when the throttles allow, texts a code to it if it has an account that may be reset this way.</summary>
    public async Task<RegistrationOutcome> RequestCodeAsync(string? mobileText, string? clientAddress, bool english, CancellationToken cancellationToken)
    {
        if (!availability.Open)
        {
            return new RegistrationOutcome(RegistrationStatus.Unavailable);
        }

        var mobile = MobileNumber.Normalise(mobileText);
        if (mobile is null)
        {
            return RegistrationOutcome.Refused("mobile", MobileNumber.Problem(mobileText, english)!);
        }

        return await SendWithinThrottlesAsync(mobile, TextedCodes.Address(clientAddress), english, cancellationToken);
    }

    /// <summary>A new code for a number whose reset is waiting (the earlier code stops working), within the throttles.</summary>
    public async Task<RegistrationOutcome> ResendAsync(string? mobileText, string? clientAddress, bool english, CancellationToken cancellationToken)
    {
        if (!availability.Open)
        {
            return new RegistrationOutcome(RegistrationStatus.Unavailable);
        }

        var mobile = MobileNumber.Normalise(mobileText);
        if (mobile is null || await codes.FindAsync(mobile, cancellationToken) is null)
        {
            return RegistrationOutcome.Refused("code", Say(english, "没有等待验证的密码重置，请重新输入手机号获取验证码", "No password reset is waiting for a code: enter your mobile number again"), mobile);
        }

        return await SendWithinThrottlesAsync(mobile, TextedCodes.Address(clientAddress), english, cancellationToken);
    }

    /// <summary>
    /// Checks the new password, then the code texted to the number; both right, the password is replaced. A code is
    /// checked (and a wrong one counted) only once the new password is acceptable, so that a mistyped password costs no try.
    /// </summary>
    public async Task<RegistrationOutcome> ResetAsync(PasswordResetInput input, string? clientAddress, bool english, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!availability.Open)
        {
            return new RegistrationOutcome(RegistrationStatus.Unavailable);
        }

        var mobile = MobileNumber.Normalise(input.Mobile);
        var pending = mobile is null ? null : await codes.FindAsync(mobile, cancellationToken);
        var code = input.Code?.Trim();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (pending is null)
        {
            errors["code"] = [TextedCodes.NotValid(english)];
        }
        else if (texted.Unusable(code, pending.ExpiresAt, pending.Attempts, english) is { } unusable)
        {
            errors["code"] = [unusable];
        }

        UserInput.ChosenPassword(input.Password, input.Repeat, errors, english, replacing: true);
        if (errors.Count > 0)
        {
            return new RegistrationOutcome(RegistrationStatus.Invalid, mobile, errors);
        }

        var address = TextedCodes.Address(clientAddress);
        var account = await accounts.FindAsync(mobile!, cancellationToken);
        if (!TextedCodes.Matches(code!, pending!.CodeSalt, mobile!, pending.CodeHash) || account is null)
        {
            var used = await codes.RecordWrongAsync(mobile!, cancellationToken);
            // Under the account the number names, if any, so that an administrator reading a user's sign-ins sees codes tried against it.
            await signIn.RecordAsync(SignInEventKinds.ResetCodeWrong, mobile!, account?.User.Id, address, SignInChannels.Page, cancellationToken);
            return RegistrationOutcome.Refused("code", TextedCodes.Wrong(used, english), mobile);
        }

        var credential = signIn.NewCredential(account.User, input.Password!);
        var audit = new AdminAuditEntry(0, clock.GetUtcNow(), account.User.Id, AdminAuditActions.PasswordReset, AdminAuditEntry.User, account.User.Id, "by the applicant, with a code texted to the account's mobile number");
        if (await codes.ResetAsync(pending.CodeHash, clock.GetUtcNow(), TextedCodes.MaxAttempts, credential, audit, cancellationToken) != PasswordResetCompletion.Reset)
        {
            // Raced by another use of the same code, replaced by a newer one, or the account is no longer one reset this way.
            return RegistrationOutcome.Refused("code", TextedCodes.NotValid(english), mobile);
        }

        await signIn.RecordAsync(SignInEventKinds.PasswordReset, mobile!, account.User.Id, address, SignInChannels.Page, cancellationToken);
        return new RegistrationOutcome(RegistrationStatus.PasswordReset, mobile, User: account.User);
    }

    private async Task<RegistrationOutcome> SendWithinThrottlesAsync(string mobile, string address, bool english, CancellationToken cancellationToken)
    {
        var counts = await texted.CountAsync(Purpose, mobile, address, cancellationToken);
        if ((TextedCodes.FromAddressThrottled(counts, english) ?? texted.NumberThrottled(counts, english)) is { } throttled)
        {
            return RegistrationOutcome.Refused("mobile", throttled, mobile);
        }

        var eligible = await codes.EligibleAsync(mobile, cancellationToken);
        var now = clock.GetUtcNow();
        var (code, salt, hash) = TextedCodes.NewCode(mobile);
        if (!eligible)
        {
            // A hash of something that is no six-digit code: no code matches it, and it is kept all the same.
            hash = TextedCodes.Hash(salt, mobile, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));
        }

        await codes.SaveAsync(new PendingPasswordReset(mobile, salt, hash, 0, now, now + TextedCodes.CodeLifetime), cancellationToken);
        // Counted as sent whether or not anything is texted, so that the throttles answer every number alike.
        await texted.RecordRequestAsync(Purpose, mobile, address, sent: true, cancellationToken);
        if (!eligible)
        {
            await signIn.RecordAsync(SignInEventKinds.ResetCodeWithheld, mobile, null, address, SignInChannels.Page, cancellationToken);
            return new RegistrationOutcome(RegistrationStatus.CodeSent, mobile);
        }

        var text = english
            ? $"{messages.SmsSignature}Your code to reset your password is {code}. It is valid for 10 minutes; do not tell it to anyone, staff included. If you did not ask for it, ignore this message: your password stays as it is."
            : $"{messages.SmsSignature}您正在找回密码，验证码为 {code}，10 分钟内有效，请勿告诉他人（包括工作人员）。如非本人操作，请忽略本短信，您的密码不会改变。";
        return await texted.DeliverAsync(
            "password-reset", mobile, text, SignInEventKinds.ResetCodeSent, mobile, address, () => codes.DeleteAsync(mobile, cancellationToken), english, cancellationToken);
    }

    private static string Say(bool english, string zh, string en) => english ? en : zh;
}
