using System.Net.Mail;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Registration;

/// <summary>
/// An applicant makes their own account as a government portal lets them: mobile number, optional e-mail, name and a
/// password under the rule every password here follows; a six-digit code texted to the number proves it, and the account
/// (user name: the 11 digits; role: applicant, nothing else) exists once the code comes back.
/// <para>
/// The code follows <see cref="TextedCodes"/>' rules (hashed, 10 minutes, 5 tries, throttled per number and address), and
/// works once (<see cref="IRegistrationCodes.CompleteAsync"/> deletes it as it makes the account). Every code sent, wrong
/// code and registration is written to the sign-in audit (never the code).
/// </para>
/// </summary>
public sealed class SelfRegistration(
    IRegistrationCodes codes,
    TextedCodes texted,
    IUserAccounts accounts,
    PasswordSignIn signIn,
    SelfRegistrationAvailability availability,
    ApplicantMessageSettings messages,
    TimeProvider clock)
{
    public const int MaxEmailLength = 254;
    private const string Purpose = CodePurposes.Registration;

    /// <summary>Checks what was given; when all is well and the throttles allow, texts a code to the number.</summary>
    public async Task<RegistrationOutcome> RequestCodeAsync(RegistrationInput input, string? clientAddress, bool english, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!availability.Open)
        {
            return new RegistrationOutcome(RegistrationStatus.Unavailable);
        }

        var errors = Validate(input, english);
        var mobile = MobileNumber.Normalise(input.Mobile);
        if (errors.Count > 0 || mobile is null)
        {
            return new RegistrationOutcome(RegistrationStatus.Invalid, mobile, errors);
        }

        var address = TextedCodes.Address(clientAddress);
        var counts = await texted.CountAsync(Purpose, mobile, address, cancellationToken);
        if (TextedCodes.FromAddressThrottled(counts, english) is { } busy)
        {
            return RegistrationOutcome.Refused("mobile", busy, mobile);
        }

        if (await accounts.FindAsync(mobile, cancellationToken) is not null)
        {
            // Counted like a code sent from this address, so that numbers cannot be tried in bulk for whether they are registered.
            await texted.RecordRequestAsync(Purpose, mobile, address, sent: false, cancellationToken);
            return RegistrationOutcome.Refused("mobile", Taken(english), mobile);
        }

        if (texted.NumberThrottled(counts, english) is { } throttled)
        {
            return RegistrationOutcome.Refused("mobile", throttled, mobile);
        }

        var user = Applicant(mobile, input.DisplayName!);
        var passwordHash = signIn.NewCredential(user, input.Password!).PasswordHash;
        return await SendAsync(mobile, user.Name, Email(input.Email), passwordHash, address, english, cancellationToken);
    }

    /// <summary>A new code for a number whose registration is waiting (the earlier code stops working), within the throttles.</summary>
    public async Task<RegistrationOutcome> ResendAsync(string? mobileText, string? clientAddress, bool english, CancellationToken cancellationToken)
    {
        if (!availability.Open)
        {
            return new RegistrationOutcome(RegistrationStatus.Unavailable);
        }

        var mobile = MobileNumber.Normalise(mobileText);
        var pending = mobile is null ? null : await codes.FindAsync(mobile, cancellationToken);
        if (mobile is null || pending is null)
        {
            return RegistrationOutcome.Refused("code", Say(english, "没有等待验证的注册，请重新填写注册信息", "No registration is waiting for a code: fill in the registration form again"), mobile);
        }

        var address = TextedCodes.Address(clientAddress);
        var counts = await texted.CountAsync(Purpose, mobile, address, cancellationToken);
        return (TextedCodes.FromAddressThrottled(counts, english) ?? texted.NumberThrottled(counts, english)) is { } throttled
            ? RegistrationOutcome.Refused("mobile", throttled, mobile)
            : await SendAsync(mobile, pending.DisplayName, pending.Email, pending.PasswordHash, address, english, cancellationToken);
    }

    /// <summary>Checks the code texted to the number; right, the account is made and the outcome carries it for a session.</summary>
    public async Task<RegistrationOutcome> ConfirmAsync(string? mobileText, string? code, string? clientAddress, bool english, CancellationToken cancellationToken)
    {
        if (!availability.Open)
        {
            return new RegistrationOutcome(RegistrationStatus.Unavailable);
        }

        var mobile = MobileNumber.Normalise(mobileText);
        var pending = mobile is null ? null : await codes.FindAsync(mobile, cancellationToken);
        var now = clock.GetUtcNow();
        if (mobile is null || pending is null)
        {
            // Used already (the account exists), or never asked for: the same words a real portal gives, no more.
            return mobile is not null && await accounts.FindAsync(mobile, cancellationToken) is not null
                ? RegistrationOutcome.Refused("code", Taken(english), mobile)
                : RegistrationOutcome.Refused("code", TextedCodes.NotValid(english), mobile);
        }

        code = code?.Trim();
        if (texted.Unusable(code, pending.ExpiresAt, pending.Attempts, english) is { } unusable)
        {
            return RegistrationOutcome.Refused("code", unusable, mobile);
        }

        var address = TextedCodes.Address(clientAddress);
        if (!TextedCodes.Matches(code!, pending.CodeSalt, mobile, pending.CodeHash))
        {
            var used = await codes.RecordWrongAsync(mobile, cancellationToken);
            await signIn.RecordAsync(SignInEventKinds.RegistrationCodeWrong, mobile, null, address, SignInChannels.Page, cancellationToken);
            return RegistrationOutcome.Refused("code", TextedCodes.Wrong(used, english), mobile);
        }

        var user = Applicant(mobile, pending.DisplayName);
        var credential = new UserCredential(user.Id, pending.PasswordHash, PasswordSignIn.NewStamp(), 0, null, now);
        var audit = new AdminAuditEntry(0, now, user.Id, AdminAuditActions.Registered, AdminAuditEntry.User, user.Id, $"name={user.Name}; role={user.Role}; mobile proven by SMS");
        switch (await codes.CompleteAsync(pending.CodeHash, now, TextedCodes.MaxAttempts, user, credential, pending.Email, audit, cancellationToken))
        {
            case RegistrationCompletion.Registered:
                await signIn.RecordAsync(SignInEventKinds.Registered, mobile, user.Id, address, SignInChannels.Page, cancellationToken);
                return new RegistrationOutcome(RegistrationStatus.Registered, mobile, User: user, SecurityStamp: credential.SecurityStamp);
            case RegistrationCompletion.Taken:
                return RegistrationOutcome.Refused("code", Taken(english), mobile);
            default:
                // Raced by another use of the same code, or replaced by a newer one since it was read.
                return RegistrationOutcome.Refused("code", TextedCodes.NotValid(english), mobile);
        }
    }

    /// <summary>The errors by field of what was given, in the form's order; the password is held to the rule every password here follows.</summary>
    public static Dictionary<string, string[]> Validate(RegistrationInput input, bool english)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (MobileNumber.Problem(input.Mobile, english) is { } mobile)
        {
            errors["mobile"] = [mobile];
        }

        if (!string.IsNullOrWhiteSpace(input.Email) && Email(input.Email) is null)
        {
            errors["email"] = [Say(english, "请输入正确的电子邮箱地址（如 zhangsan@example.cn），或留空", "Enter a valid e-mail address (such as zhangsan@example.cn), or leave it empty")];
        }

        UserInput.DisplayName(input.DisplayName, errors, english);
        UserInput.ChosenPassword(input.Password, input.Repeat, errors, english, replacing: false);
        return errors;
    }

    private async Task<RegistrationOutcome> SendAsync(
        string mobile, string displayName, string? email, string passwordHash, string address, bool english, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (code, salt, hash) = TextedCodes.NewCode(mobile);
        await codes.SaveAsync(new PendingRegistration(mobile, displayName, email, passwordHash, salt, hash, 0, now, now + TextedCodes.CodeLifetime), cancellationToken);
        // Counted before the gateway answers: a failed send still cost the gateway a try.
        await texted.RecordRequestAsync(Purpose, mobile, address, sent: true, cancellationToken);
        var text = english
            ? $"{messages.SmsSignature}Your registration code is {code}. It is valid for 10 minutes; do not tell it to anyone. If you did not ask for it, ignore this message."
            : $"{messages.SmsSignature}您的注册验证码为 {code}，10 分钟内有效，请勿告诉他人。如非本人操作，请忽略本短信。";
        return await texted.DeliverAsync(
            "registration", mobile, text, SignInEventKinds.RegistrationCodeSent, null, address, () => codes.DeleteAsync(mobile, cancellationToken), english, cancellationToken);
    }

    private static UserRecord Applicant(string mobile, string displayName) => new(mobile, displayName.Trim(), Roles.Applicant, null);

    /// <summary>The e-mail address as given (trimmed), null when empty or not an address.</summary>
    private static string? Email(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed.Length > MaxEmailLength || SignInInput.Unprintable(trimmed) is not null
            || !MailAddress.TryCreate(trimmed, out var parsed) || parsed.Address != trimmed || !string.IsNullOrEmpty(parsed.DisplayName)
            ? null
            : trimmed;
    }

    private static string Taken(bool english) =>
        Say(english, "该手机号已注册，请直接登录；如忘记密码，请在登录页点击“忘记密码”重置", "This mobile number is already registered: sign in, or reset a forgotten password with “Forgot your password?” on the sign-in page");

    private static string Say(bool english, string zh, string en) => english ? en : zh;
}
