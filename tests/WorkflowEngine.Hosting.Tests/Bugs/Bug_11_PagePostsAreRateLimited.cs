using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The API's submissions were rate-limited but the applicant's page form posts were not: a script driving the apply
/// page could submit without end. Page posts now count against the same submission limit, per user, and one over it
/// gets a readable 429 page in the visitor's language with Retry-After; reading the pages stays free.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_PagePostsAreRateLimited
{
    private const string Apply = "/services/business-opening/apply";

    [Fact]
    public async Task ApplyPagePost_OverTheSubmissionLimit_Gets429PageWithRetryAfter_AndStoresNothing()
    {
        await using var host = await LimitedHostAsync();
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, Apply);
        for (var i = 0; i < 2; i++)
        {
            using var accepted = await browser.PostAsync(Apply, ApplicantPagesTests.ApplyForm(token, Guid.NewGuid().ToString("N")));
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        }

        using var refused = await browser.PostAsync(Apply, ApplicantPagesTests.ApplyForm(token, Guid.NewGuid().ToString("N")));
        using var stillReadable = await browser.GetAsync(Apply);
        using var api = host.Client("zhangsan");
        using var apiRefused = await api.PostAsync("/api/applications", new StringContent(BusinessOpening.Application().ToJsonString(), Encoding.UTF8, "application/json"));
        using var other = await PageSignInTests.SignedInBrowserAsync(host, "lisi", "Demo#2026");
        using var othersPost = await other.PostAsync(Apply, ApplicantPagesTests.ApplyForm(await PageSignInTests.AntiforgeryTokenAsync(other, Apply)));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"zh-CN\">", page, StringComparison.Ordinal);
        Assert.Contains("提交过于频繁", page, StringComparison.Ordinal);
        Assert.Contains($"{refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds:0} 秒后", page, StringComparison.Ordinal);
        Assert.Equal(2, (await host.GetJsonAsync("zhangsan", "/api/applications")).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, stillReadable.StatusCode);
        // The same limit as the API's, per user: the API refuses this user too, while another applicant is served.
        Assert.Equal(HttpStatusCode.TooManyRequests, apiRefused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, othersPost.StatusCode);
    }

    [Fact]
    public async Task UploadOnTheProgressPage_OverTheLimit_InEnglish_GetsTheEnglishPage()
    {
        await using var host = await LimitedHostAsync();
        var id = await host.SubmitBusinessOpeningAsync("zhangsan");
        await host.SubmitBusinessOpeningAsync("zhangsan");
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, $"/applications/{id}");
        using var english = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/"), new("__RequestVerificationToken", token)]));
        var upload = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var file = new ByteArrayContent(BusinessOpening.Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Add(file, "materials.articles", "章程.pdf");

        using var refused = await browser.PostAsync($"/applications/{id}", upload);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("Too many submissions", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/applications/{id}\"", page, StringComparison.Ordinal);
    }

    /// <summary>A host whose submission limit is two in a burst, with no refill during the test.</summary>
    private static Task<AllInOneHost> LimitedHostAsync() => AllInOneHost.StartAsync(extraArgs:
    [
        "--RateLimits:Submissions:TokenLimit=2",
        "--RateLimits:Submissions:TokensPerPeriod=1",
        "--RateLimits:Submissions:ReplenishmentPeriod=01:00:00",
    ]);
}
