using Microsoft.AspNetCore.Http;

namespace WorkflowEngine.Hosting.Configuration;

/// <summary>Settings of the web pages (section <c>Pages</c>).</summary>
public sealed class PagesOptions
{
    /// <summary>How often an open public dashboard fetches its figures again, in seconds (at least 1).</summary>
    public int DashboardRefreshSeconds { get; set; } = 30;

    /// <summary>
    /// The address citizens reach the pages at from outside (<c>https://zwfw.example.gov.cn/yjs</c>), which what is
    /// printed for them to type (the window's receipt) names; unset, the address the request came to, which behind a
    /// reverse proxy is the proxy's internal one.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Whether <see cref="PublicBaseUrl"/> is unset or an absolute http(s) address without query or fragment.</summary>
    public bool HasValidPublicBaseUrl =>
        string.IsNullOrWhiteSpace(PublicBaseUrl)
        || (Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
            && url.Query.Length == 0 && url.Fragment.Length == 0);

    /// <summary>The public address of a page's <paramref name="path"/> (starting with <c>/</c>) as a citizen is to type it.</summary>
    public string PublicAddress(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var root = string.IsNullOrWhiteSpace(PublicBaseUrl) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicBaseUrl.Trim();
        return root.TrimEnd('/') + path;
    }
}
