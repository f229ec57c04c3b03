using System.Net;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// In Development the host serves an API reference page (Scalar, from its NuGet package) over its own OpenAPI document,
/// with everything it loads coming from the host; a deployment does not serve it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task InDevelopment_TheReferencePage_LoadsOnlyFromTheHost_AndReadsTheHostsDocument()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var client = host.Client();

        using var page = await client.GetAsync("/scalar");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("openapi/v1.json", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalAddress(), html);
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToArray();
        Assert.NotEmpty(scripts);
        var largest = 0;
        foreach (var script in scripts)
        {
            using var file = await client.GetAsync(new Uri(page.RequestMessage!.RequestUri!, script));
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{script}: {(int)file.StatusCode}");
            largest = Math.Max(largest, (await file.Content.ReadAsByteArrayAsync()).Length);
        }

        // The reference itself is a bundle of a few megabytes, served by the host rather than fetched from a CDN.
        Assert.True(largest > 500_000, $"no script of the page is the packaged reference (largest {largest} bytes)");

        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutsideDevelopment_ThereIsNoReferencePage()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--environment=Production"]);
        using var client = host.Client();

        using var page = await client.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
    }

    [GeneratedRegex("""(?:src|href)\s*=\s*["']https?://""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalAddress();

    [GeneratedRegex("""<script[^>]*\ssrc\s*=\s*["']([^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();
}
