using System.Net;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Found by the review of the window staff's route to a walk-in's application (<c>/window/applications/{id}</c>): an
/// application not found there offered "my applications" and the applicant's look-up, pages that answer window staff
/// 403. The way back is now their own list of walk-in applications; an applicant's not-found page is unchanged.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_WindowNotFoundLinkedToApplicantPages(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task WindowStaff_NotFindingAnApplication_AreLinkedBackToTheWalkIns_NotToApplicantPages()
    {
        using var window = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "gsc-window", "Demo#2026");

        using var response = await window.GetAsync($"/window/applications/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var main = page[page.IndexOf("<main", StringComparison.Ordinal)..];
        Assert.Contains("<a href=\"/window/applications\">返回窗口受理的在办申请</a>", main, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/applications", main, StringComparison.Ordinal);
        Assert.DoesNotContain("我的申请", main, StringComparison.Ordinal);
        // The link opens for them.
        using var list = await window.GetAsync("/window/applications");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }

    [Fact]
    public async Task AnApplicant_NotFindingAnApplication_IsStillLinkedToTheirOwn()
    {
        using var applicant = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "zhangsan", "Demo#2026");

        using var response = await applicant.GetAsync($"/applications/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<a href=\"/applications\">", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/window/applications\"", page, StringComparison.Ordinal);
    }
}
