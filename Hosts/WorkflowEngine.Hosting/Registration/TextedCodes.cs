using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Hosting.Notifications;
using WorkflowEngine.Runtime.Notifications;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Registration;

/// <summary>
/// The six-digit codes that prove a mobile number, the same for registering and for resetting a forgotten password:
/// made at random, kept only as a salted SHA-256 with the number in it, valid <see cref="CodeLifetime"/> for
/// <see cref="MaxAttempts"/> tries; one number gets one at most every <see cref="ResendInterval"/> and
/// <see cref="MaxCodesPerNumber"/> an hour, one client address asks at most <see cref="MaxRequestsPerAddress"/> times an
/// hour, counted per purpose in the database every engine process shares.
/// <para>
/// A code is texted directly through the SMS gateway, not through the notification outbox: the outbox keeps each
/// message's text for its retries and shows it to administrators, which would keep the code in clear; and the person is
/// waiting on the page, so a gateway failure is told at once ("try again") rather than retried after the code is useless.
/// </para>
/// </summary>
public sealed class TextedCodes(ICodeRequests requests, IEnumerable<INotificationChannel> channels, PasswordSignIn signIn, TimeProvider clock, ILogger<TextedCodes> logger)
{
    public const int CodeDigits = 6;
    public const int MaxAttempts = 5;
    public const int MaxCodesPerNumber = 5;
    public const int MaxRequestsPerAddress = 10;
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan ResendInterval = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ThrottleWindow = TimeSpan.FromHours(1);

    /// <summary>A new code for <paramref name="mobile"/>, with the salt and hash it is kept as.</summary>
    public static (string Code, string Salt, string Hash) NewCode(string mobile)
    {
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return (code, salt, Hash(salt, mobile, code));
    }

    /// <summary>The salted SHA-256 a code is kept as: the number is in it, so that a code for one number proves nothing for another.</summary>
    public static string Hash(string salt, string mobile, string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{salt}\n{mobile}\n{code}")));

    /// <summary>Whether <paramref name="code"/> is the one kept as <paramref name="hash"/> (compared in constant time).</summary>
    public static bool Matches(string code, string salt, string mobile, string hash) =>
        code.Length == CodeDigits
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(salt, mobile, code)), Encoding.ASCII.GetBytes(hash));

    /// <summary>Why a code cannot be checked now (none typed, not six digits, expired, out of tries), or null when it may be.</summary>
    public string? Unusable(string? code, DateTimeOffset expiresAt, int attempts, bool english)
    {
        if (string.IsNullOrEmpty(code))
        {
            return Say(english, "请输入短信验证码", "Enter the code from the text message");
        }

        // Letters, or too few or many digits, are a slip of the keyboard, not a guess: told so, and not counted as a try.
        if (code.Length != CodeDigits || !code.All(char.IsAsciiDigit))
        {
            return Say(english, "验证码为短信中的 6 位数字，请检查后重新输入", "The code is the 6 digits in the text message: check it and type it again");
        }

        if (expiresAt <= clock.GetUtcNow())
        {
            return Say(english, "验证码已过期（10 分钟内有效），请重新获取", "The code has expired (it lasts 10 minutes): ask for a new one");
        }

        return attempts >= MaxAttempts ? TooManyTries(english) : null;
    }

    /// <summary>What a wrong code is told, <paramref name="used"/> tries having been used: how many are left, or that none are.</summary>
    public static string Wrong(int used, bool english)
    {
        var left = MaxAttempts - used;
        return left <= 0
            ? TooManyTries(english)
            : Say(english, $"验证码不正确，还可以再试 {left} 次", $"The code is wrong; {left} {(left == 1 ? "try" : "tries")} left");
    }

    public static string NotValid(bool english) => Say(english, "验证码无效，请重新获取", "The code is not valid: ask for a new one");

    public Task<CodeRequestCounts> CountAsync(string purpose, string mobile, string address, CancellationToken cancellationToken) =>
        requests.CountAsync(purpose, mobile, address, clock.GetUtcNow() - ThrottleWindow, cancellationToken);

    /// <summary>Counts a request (<paramref name="sent"/>: as a code sent to the number, which its throttle counts).</summary>
    public Task RecordRequestAsync(string purpose, string mobile, string address, bool sent, CancellationToken cancellationToken) =>
        requests.RecordRequestAsync(purpose, mobile, address, sent, clock.GetUtcNow(), cancellationToken);

    /// <summary>Why the number gets no code now (one just sent, or too many this hour), or null.</summary>
    public string? NumberThrottled(CodeRequestCounts counts, bool english)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var now = clock.GetUtcNow();
        if (counts.LastSentToNumber is { } last && now - last < ResendInterval)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling((ResendInterval - (now - last)).TotalSeconds));
            return Say(english, $"验证码已发送，请 {seconds} 秒后再重新获取", $"A code was just sent: ask again in {seconds} seconds");
        }

        return counts.SentToNumber >= MaxCodesPerNumber ? Say(english, "此手机号获取验证码过于频繁，请 1 小时后再试", "Too many codes for this number: try again in an hour") : null;
    }

    /// <summary>Why the client address may ask for no more codes this hour, or null.</summary>
    public static string? FromAddressThrottled(CodeRequestCounts counts, bool english)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.FromAddress >= MaxRequestsPerAddress ? Say(english, "操作过于频繁，请 1 小时后再试", "Too many requests for codes from here: try again in an hour") : null;
    }

    /// <summary>
    /// Texts <paramref name="text"/> (which holds a code) to the number, the message's id beginning with
    /// <paramref name="kind"/>, and audits it as <paramref name="sentKind"/>: the outcome is "code sent". When the gateway
    /// does not take it, the code kept for it is forgotten (<paramref name="forget"/>) and the number's field says so.
    /// </summary>
    public async Task<RegistrationOutcome> DeliverAsync(
        string kind, string mobile, string text, string sentKind, string? userId, string address, Func<Task> forget, bool english, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(forget);
        try
        {
            var sms = channels.OfType<HttpSmsChannel>().First();
            await sms.SendTextAsync($"{kind}-{Guid.NewGuid():N}", mobile, text, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or NotificationRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The gateway's answer is not logged: it may repeat the text, and with it the code.
            logger.LogWarning("The SMS gateway did not take a {Kind} code for {Mobile} ({Failure})", kind, MobileNumber.Masked(mobile), ex.GetType().Name);
            await forget();
            return RegistrationOutcome.Refused("mobile", Say(english, "短信发送失败，请稍后再试", "The text message could not be sent: try again in a moment"), mobile);
        }

        await signIn.RecordAsync(sentKind, mobile, userId, address, SignInChannels.Page, cancellationToken);
        return new RegistrationOutcome(RegistrationStatus.CodeSent, mobile);
    }

    /// <summary>The client address as the throttle counts it: the audit's bound, and one bucket for a request without one.</summary>
    public static string Address(string? clientAddress) =>
        string.IsNullOrEmpty(clientAddress) ? "-" : clientAddress.Length > 64 ? clientAddress[..64] : clientAddress;

    private static string TooManyTries(bool english) => Say(english, "验证码错误次数过多，请重新获取", "Too many wrong codes: ask for a new one");

    private static string Say(bool english, string zh, string en) => english ? en : zh;
}
