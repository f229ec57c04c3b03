using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Why a sign-in at the identity platform did not sign anyone in, as a short code the sign-in page turns into words
/// (a code rather than text in the address, so that a link cannot make the page say something else).
/// </summary>
public static class PlatformFailures
{
    /// <summary>The platform's token failed a check: signature, issuer, audience, expiry or nonce.</summary>
    public const string Token = "token";

    /// <summary>The platform named no usable subject.</summary>
    public const string Subject = "subject";

    /// <summary>A clerk or supervisor without a department.</summary>
    public const string Department = "department";

    /// <summary>An administrator disabled the person's account here.</summary>
    public const string Disabled = "disabled";

    /// <summary>The person cancelled at the platform, or the platform declined.</summary>
    public const string Declined = "declined";

    /// <summary>The answer matched no sign-in begun here (expired, or begun in another browser).</summary>
    public const string Stale = "stale";

    /// <summary>The words for a code; null for a code this page never sends.</summary>
    public static string? Message(string? code, string platform, bool english = false) => english ? English(code, platform) : code switch
    {
        Token => $"{platform}返回的身份凭证未通过校验（签名、签发方、受众、有效期或一次性随机数不符），未能登录。请重新登录；如仍不行，请联系管理员核对与{platform}的对接配置。",
        Subject => $"{platform}未给出可用的用户标识，未能登录。请联系{platform}的管理员。",
        Department => $"{platform}说明您是办事人员，但未给出所属部门，未能登录。请联系{platform}的管理员补充部门。",
        Disabled => "您在本系统的账户已被管理员停用，未能登录。如有疑问请联系管理员。",
        Declined => $"您在{platform}取消了登录，或{platform}拒绝了这次登录，未能登录。",
        Stale => "这次登录已过期，或不是从本页发起的，未能登录。请重新登录。",
        _ => null,
    };

    private static string? English(string? code, string platform) => code switch
    {
        Token => $"The identity token {platform} returned failed a check (signature, issuer, audience, expiry or nonce), so you are not signed in. Sign in again; if it still fails, ask an administrator to check the connection to {platform}.",
        Subject => $"No usable user identifier came from {platform}, so you are not signed in. Ask the administrators of {platform}.",
        Department => $"According to {platform} you are staff, but it names no department, so you are not signed in. Ask the administrators of {platform} to add your department.",
        Disabled => "An administrator has disabled your account here, so you are not signed in. Ask an administrator if this is unexpected.",
        Declined => $"You cancelled the sign-in at {platform}, or {platform} declined it: you are not signed in.",
        Stale => "This sign-in has expired or was not started from this page, so you are not signed in. Sign in again.",
        _ => null,
    };

    /// <summary>The code for what went wrong in the OpenID Connect handler.</summary>
    public static string Of(Exception? failure) => failure switch
    {
        PlatformRefusedException refused => refused.Code,
        SecurityTokenException or OpenIdConnectProtocolInvalidNonceException or OpenIdConnectProtocolInvalidAtHashException => Token,
        OpenIdConnectProtocolException protocol when protocol.Data.Contains("error") => Declined,
        OpenIdConnectProtocolException => Token,
        _ => Stale,
    };
}
