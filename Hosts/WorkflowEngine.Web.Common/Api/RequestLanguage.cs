using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Api;

/// <summary>The language the API answers a request in: Chinese, or English when the request's Accept-Language puts English first.</summary>
public static class RequestLanguage
{
    /// <summary>True when the first language the request accepts (by quality, then order) is English.</summary>
    public static bool PrefersEnglish(HttpRequest request) =>
        request.GetTypedHeaders().AcceptLanguage
            .Where(l => (l.Quality ?? 1) > 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .FirstOrDefault()?.Value.Value is { } tag
        && (tag.Equals("en", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("en-", StringComparison.OrdinalIgnoreCase));
}
