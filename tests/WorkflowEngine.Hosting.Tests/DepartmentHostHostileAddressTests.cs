using System.Net;
using System.Net.Http.Headers;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A department host's material downloads (the current file and each version a 补正 brought) asked for with addresses
/// written to break them: versions that are no number a route takes (zero, negative, past an int, full-width or
/// Arabic-Indic digits, exponents), material keys with path tricks (dot segments, encoded slashes, a right-to-left
/// override, 4,000 characters), also by a browser asking for HTML. Each is a problem document (the API's, never the
/// browser's error page), never a 5xx, and the host answers afterwards; nobody signed in is a 401 before anything is looked up.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DepartmentHostHostileAddressTests(DepartmentHostFixture fixture) : IClassFixture<DepartmentHostFixture>
{
    private const string Task = "/api/tasks/0190f5a2-0000-7000-8000-000000000001/materials";

    [Theory]
    [InlineData(Task + "/articles/versions/0")]
    [InlineData(Task + "/articles/versions/-1")]
    [InlineData(Task + "/articles/versions/2147483648")]
    [InlineData(Task + "/articles/versions/99999999999999999999")]
    [InlineData(Task + "/articles/versions/%EF%BC%92")]
    [InlineData(Task + "/articles/versions/%D9%A3")]
    [InlineData(Task + "/articles/versions/1e3")]
    [InlineData(Task + "/articles/versions/2.0")]
    [InlineData(Task + "/articles/versions/")]
    [InlineData(Task + "/%2e%2e/versions/2")]
    [InlineData(Task + "/..%2F..%2Fetc%2Fpasswd/versions/2")]
    [InlineData(Task + "/articles%2F..%2F..%2Fversions/2")]
    [InlineData(Task + "/%E2%80%AEselcitra/versions/2")]
    [InlineData(Task + "/articles%E2%80%8B")]
    [InlineData(Task + "/%C0%AE%C0%AE")]
    [InlineData("/api/tasks/not-a-task/materials/articles/versions/2")]
    [InlineData("/api/tasks/00000000-0000-0000-0000-000000000000/materials/articles")]
    public async Task AHostileMaterialAddress_IsAProblem_NeverA5xx_EvenToABrowser(string path)
    {
        using var clerk = fixture.Host.Client("samr-clerk");
        using var browser = fixture.Host.Client("samr-clerk");
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");

        using var asScript = await clerk.GetAsync(path);
        using var asBrowser = await browser.GetAsync(path);

        foreach (var response in new[] { asScript, asBrowser })
        {
            Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        using var health = await clerk.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task AMaterialKeyOf4000Characters_IsAProblem()
    {
        using var clerk = fixture.Host.Client("samr-clerk");

        using var response = await clerk.GetAsync($"{Task}/{new string('k', 4000)}/versions/2");

        await ProblemAssert.IsAsync(response, HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(Task + "/articles")]
    [InlineData(Task + "/articles/versions/2")]
    public async Task NobodySignedIn_IsA401Problem_EvenToABrowser(string path)
    {
        using var anonymous = fixture.Host.Client();
        anonymous.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));

        using var response = await anonymous.GetAsync(path);

        await ProblemAssert.IsAsync(response, HttpStatusCode.Unauthorized);
    }
}
