using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// An address with an escape that is not UTF-8 — the overlong <c>%C0%AF</c>, an old trick for smuggling a "/" past a
/// check — reached the endpoints undecoded, which answered about a department or a service called "%C0%AF". It is now a
/// 400 saying the address cannot be read, as a body that is not UTF-8 is: a problem for the API, a page for a person.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_OverlongUtf8InTheAddress(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("/api/departments/%C0%AF/tasks")]
    [InlineData("/api/services/%C0%AF")]
    [InlineData("/api/departments/SAMR%FF/tasks")]
    public async Task ApiAddress_NotUtf8_IsA400Problem_ThatDoesNotEchoIt(string path)
    {
        using var clerk = fixture.Host.Client("samr-clerk");

        using var response = await clerk.GetAsync(path);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("%C0", problem.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/services/%C0%AF")]
    [InlineData("/services/business-opening%C0%AF")]
    public async Task PageAddress_NotUtf8_IsA400Page_SayingSo(string path)
    {
        using var browser = new HttpClient { BaseAddress = fixture.Host.Address };

        using var response = await browser.GetAsync(path);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        Assert.Contains("请求地址中含有不是 UTF-8 编码的字符", html, StringComparison.Ordinal);
        Assert.DoesNotContain("%C0", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/services/business-opening", true)]
    [InlineData("/services/%E4%B8%AD", true)]
    [InlineData("/a%2Fb%zz", true)]
    [InlineData("/services/%C0%AF", false)]
    [InlineData("/x/%ED%A0%80", false)]
    [InlineData("/x/%E4%B8", false)]
    public void IsUtf8_ReadsThePathsEscapes(string path, bool utf8) => Assert.Equal(utf8, Api.PathEncodingGuard.IsUtf8(path));
}
