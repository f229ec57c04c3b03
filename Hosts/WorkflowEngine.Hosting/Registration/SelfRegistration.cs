using System.Globalization;
using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Notifications;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Registration;

/// <summary>
/// An applicant makes their own account as a government portal lets them: mobile number, optional e-mail, name and a
/// password under the rule every password here follows; a six-digit code texted to the number proves it, and the account
/// (user name: the 11 digits; role: applicant, nothing else) exists once the code comes back.
/// <para>
/// The code is texted directly through the SMS gateway, not through the notification outbox: the outbox keeps each
/// message's text for its retries and shows it to administrators, which would keep the code in clear; and the person is
/// waiting on the page, so a gateway failure is told at once ("try again") rather than retried after the code is useless.
/// The code is kept only as a salted SHA-256, lives <see cref="CodeLifetime"/>, allows <see cref="MaxAttempts"/> tries,
/// and works once (<see cref="IRegistrationCodes.CompleteAsync"/> deletes it as it makes the account). Codes to one
/// number come at most one per <see cref="ResendInterval"/> and <see cref="MaxCodesPerNumber"/> an hour, and requests
/// from one client address <see cref="MaxRequestsPerAddress"/> an hour, counted in the database across processes.
/// Every code sent, wrong code and registration is written to the sign-in audit (never the code).
/// </para>
/// </summary>
public sealed class SelfRegistration(
    IRegistrationCodes codes,
    IUserAccounts accounts,
    PasswordSignIn signIn,
    SelfRegistrationAvailability availability,
    IEnumerable<INotificationChannel> channels,
    ApplicantMessageSettings messages,
    TimeProvider clock,
    ILogger<SelfRegistration> logger)
{
    public const int CodeDigits = 6;
    public const int MaxAttempts = 5;
    public const int MaxCodesPerNumber = 5;
    public const int MaxRequestsPerAddress = 10;
    public const int MaxEmailLength = 254;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ThrottleWindow = TimeSpan.FromHours(1);

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

        var address = Address(clientAddress);
        var counts = await CountAsync(mobile, address, cancellationToken);
        if (FromAddressThrottled(counts, mobile, english) is { } busy)
        {
            return busy;
        }

        if (await accounts.FindAsync(mobile, cancellationToken) is not null)
        {
            // Counted like a code sent from this address, so that numbers cannot be tried in bulk for whether they are registered.
            await codes.RecordRequestAsync(mobile, address, sent: false, clock.GetUtcNow(), cancellationToken);
            return RegistrationOutcome.Refused("mobile", Taken(english), mobile);
        }

        if (NumberThrottled(counts, mobile, english) is { } throttled)
        {
            return throttled;
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

        var address = Address(clientAddress);
        var counts = await CountAsync(mobile, address, cancellationToken);
        return FromAddressThrottled(counts, mobile, english) ?? NumberThrottled(counts, mobile, english)
            ?? await SendAsync(mobile, pending.DisplayName, pending.Email, pending.PasswordHash, address, english, cancellationToken);
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
                : RegistrationOutcome.Refused("code", Say(english, "验证码无效，请重新获取", "The code is not valid: ask for a new one"), mobile);
        }

        code = code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return RegistrationOutcome.Refused("code", Say(english, "请输入短信验证码", "Enter the code from the text message"), mobile);
        }

        if (pending.ExpiresAt <= now)
        {
            return RegistrationOutcome.Refused("code", Say(english, "验证码已过期（10 分钟内有效），请重新获取", "The code has expired (it lasts 10 minutes): ask for a new one"), mobile);
        }

        if (pending.Attempts >= MaxAttempts)
        {
            return RegistrationOutcome.Refused("code", TooManyTries(english), mobile);
        }

        var address = Address(clientAddress);
        var hash = Hash(pending.CodeSalt, mobile, code);
        if (code.Length != CodeDigits || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(pending.CodeHash)))
        {
            var used = await codes.RecordWrongAsync(mobile, cancellationToken);
            await signIn.RecordAsync(SignInEventKinds.RegistrationCodeWrong, mobile, null, address, SignInChannels.Page, cancellationToken);
            var left = MaxAttempts - used;
            return RegistrationOutcome.Refused("code", left <= 0
                ? TooManyTries(english)
                : Say(english, $"验证码不正确，还可以再试 {left} 次", $"The code is wrong; {left} {(left == 1 ? "try" : "tries")} left"), mobile);
        }

        var user = Applicant(mobile, pending.DisplayName);
        var credential = new UserCredential(user.Id, pending.PasswordHash, PasswordSignIn.NewStamp(), 0, null, now);
        var audit = new AdminAuditEntry(0, now, user.Id, AdminAuditActions.Registered, AdminAuditEntry.User, user.Id, $"name={user.Name}; role={user.Role}; mobile proven by SMS");
        switch (await codes.CompleteAsync(hash, now, MaxAttempts, user, credential, pending.Email, audit, cancellationToken))
        {
            case RegistrationCompletion.Registered:
                await signIn.RecordAsync(SignInEventKinds.Registered, mobile, user.Id, address, SignInChannels.Page, cancellationToken);
                return new RegistrationOutcome(RegistrationStatus.Registered, mobile, User: user, SecurityStamp: credential.SecurityStamp);
            case RegistrationCompletion.Taken:
                return RegistrationOutcome.Refused("code", Taken(english), mobile);
            default:
                // Raced by another use of the same code, or replaced by a newer one since it was read.
                return RegistrationOutcome.Refused("code", Say(english, "验证码无效，请重新获取", "The code is not valid: ask for a new one"), mobile);
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
        if (string.IsNullOrEmpty(input.Password))
        {
            errors["password"] = [Say(english, $"请设置密码（至少 {IdentitySeeding.MinimumPasswordLength} 个字符）", $"Choose a password (at least {IdentitySeeding.MinimumPasswordLength} characters)")];
        }
        else
        {
            UserInput.Password(input.Password, errors, english, offerMadeUp: false);
        }

        if (!errors.ContainsKey("password") && input.Repeat != input.Password)
        {
            errors["repeat"] = [Say(english, "两次输入的密码不一致", "The two passwords differ")];
        }

        return errors;
    }

    /// <summary>The salted SHA-256 a code is kept as: the number is in it, so that a code for one number proves nothing for another.</summary>
    public static string Hash(string salt, string mobile, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{mobile}\n{code}")));

    private Task<RegistrationRequestCounts> CountAsync(string mobile, string address, CancellationToken cancellationToken) =>
        codes.CountAsync(mobile, address, clock.GetUtcNow() - ThrottleWindow, cancellationToken);

    private RegistrationOutcome? NumberThrottled(RegistrationRequestCounts counts, string mobile, bool english)
    {
        var now = clock.GetUtcNow();
        if (counts.LastSentToNumber is { } last && now - last < ResendInterval)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((ResendInterval - (now - last)).TotalSeconds));
            return RegistrationOutcome.Refused("mobile", Say(english, $"验证码已发送，请 {seconds} 秒后再重新获取", $"A code was just sent: ask again in {seconds} seconds"), mobile);
        }

        return counts.SentToNumber >= MaxCodesPerNumber
            ? RegistrationOutcome.Refused("mobile", Say(english, "此手机号获取验证码过于频繁，请 1 小时后再试", "Too many codes for this number: try again in an hour"), mobile)
            : null;
    }

    private static RegistrationOutcome? FromAddressThrottled(RegistrationRequestCounts counts, string mobile, bool english) =>
        counts.FromAddress >= MaxRequestsPerAddress
            ? RegistrationOutcome.Refused("mobile", Say(english, "操作过于频繁，请 1 小时后再试", "Too many registration attempts from here: try again in an hour"), mobile)
            : null;

    private async Task<RegistrationOutcome> SendAsync(
        string mobile, string displayName, string? email, string passwordHash, string address, bool english, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await codes.SaveAsync(new PendingRegistration(mobile, displayName, email, passwordHash, salt, Hash(salt, mobile, code), 0, now, now + CodeLifetime), cancellationToken);
        // Counted before the gateway answers: a failed send still cost the gateway a try.
        await codes.RecordRequestAsync(mobile, address, sent: true, now, cancellationToken);
        var text = english
            ? $"{messages.SmsSignature}Your registration code is {code}. It is valid for 10 minutes; do not tell it to anyone. If you did not ask for it, ignore this message."
            : $"{messages.SmsSignature}您的注册验证码为 {code}，10 分钟内有效，请勿告诉他人。如非本人操作，请忽略本短信。";
        try
        {
            var sms = channels.OfType<HttpSmsChannel>().First();
            await sms.SendTextAsync($"registration-{Guid.NewGuid():N}", mobile, text, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or NotificationRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The gateway's answer is not logged: it may repeat the text, and with it the code.
            logger.LogWarning("The SMS gateway did not take a registration code for {Mobile} ({Failure})", MobileNumber.Masked(mobile), ex.GetType().Name);
            await codes.DeleteAsync(mobile, cancellationToken);
            return RegistrationOutcome.Refused("mobile", Say(english, "短信发送失败，请稍后再试", "The text message could not be sent: try again in a moment"), mobile);
        }

        await signIn.RecordAsync(SignInEventKinds.RegistrationCodeSent, mobile, null, address, SignInChannels.Page, cancellationToken);
        return new RegistrationOutcome(RegistrationStatus.CodeSent, mobile);
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

    /// <summary>The client address as the throttle counts it: the audit's bound, and one bucket for a request without one.</summary>
    private static string Address(string? clientAddress) =>
        string.IsNullOrEmpty(clientAddress) ? "-" : clientAddress.Length > 64 ? clientAddress[..64] : clientAddress;

    private static string Taken(bool english) =>
        Say(english, "该手机号已注册，请直接登录；如忘记密码，请联系办事大厅重置", "This mobile number is already registered: sign in, or ask the service centre to reset a forgotten password");

    private static string TooManyTries(bool english) =>
        Say(english, "验证码错误次数过多，请重新获取", "Too many wrong codes: ask for a new one");

    private static string Say(bool english, string zh, string en) => english ? en : zh;
}
