using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Api;

/// <summary>The <c>Idempotency-Key</c> request header: up to 100 visible ASCII characters, as the IETF draft suggests keys be.</summary>
public static class IdempotencyKeys
{
    public const string Header = "Idempotency-Key";
    public const int MaxLength = 100;

    /// <summary>The key, none, or a problem naming the header.</summary>
    public static (string? Key, IResult? Problem) Read(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return (null, null);
        }

        var key = values.Count == 1 ? values[0] ?? "" : "";
        if (values.Count > 1 || key.Length is 0 or > MaxLength || key.Any(c => c is < '!' or > '~'))
        {
            return (null, Problems.Field(Header, $"{Header} 须为 1 至 {MaxLength} 个可见的 ASCII 字符（不含空格），且只出现一次，例如一个 UUID"));
        }

        return (key, null);
    }
}
