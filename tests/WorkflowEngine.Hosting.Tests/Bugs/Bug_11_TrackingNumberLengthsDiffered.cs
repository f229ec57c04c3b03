using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Hosting.Api.Window;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Found by the review of the look-ups by tracking number: the pages bounded a number at 40 characters, the window's
/// search, the public API and the look-up's rate limit at 64, the applicant's API at nothing, and a longer text was
/// answered "not found" as if it had been looked up. One bound now (<see cref="TrackingNumbers.MaxLength"/>): a number
/// of that length is looked up, a longer one is refused saying so, by every look-up. The public look-up by number and
/// query code is stricter still: it looks up only text shaped like an issued number and refuses the rest, the too long
/// included, saying what a number looks like.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_TrackingNumberLengthsDiffered(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly string Longest = "YB20261126-" + new string('K', TrackingNumbers.MaxLength - 11);
    private static readonly string TooLong = Longest + "K";
    private const string NotANumber = "这不是受理编号：受理编号形如 YB20261126-7K3M9Q2X，请按回执核对";
    private const string WellFormed = "YB20261126-KKKKKKKK";

    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task ThePublicApi_LooksANumberUp_AndRefusesALongerText_NamingTheField()
    {
        using var anonymous = Host.Client();

        using var number = await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber = WellFormed, queryCode = "ABCD-EFGH" });
        using var tooLong = await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber = TooLong, queryCode = "ABCD-EFGH" });

        Assert.Equal(HttpStatusCode.NotFound, number.StatusCode);
        var problem = await ProblemAssert.JsonAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.Equal(NotANumber, problem.GetProperty("errors").GetProperty("trackingNumber")[0].GetString());
    }

    [Fact]
    public async Task TheApplicantsApi_LooksTheLongestUp_AndRefusesALongerOne_NamingTheField()
    {
        using var citizen = Host.Client("zhangsan");

        using var longest = await citizen.GetAsync($"/api/applications/tracking/{Longest}");
        using var tooLong = await citizen.GetAsync($"/api/applications/tracking/{TooLong}");

        Assert.Equal(HttpStatusCode.NotFound, longest.StatusCode);
        var problem = await ProblemAssert.JsonAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.Equal("受理编号最多 40 个字符", problem.GetProperty("errors").GetProperty("trackingNumber")[0].GetString());
    }

    [Fact]
    public async Task ThePublicPage_LooksANumberUp_AndSaysALongerTextIsTooLong_AtItsField()
    {
        using var browser = PageSignInTests.Browser(Host);

        var longest = await PostAsync(browser, "/track", ("Number", WellFormed), ("Code", "ABCD-EFGH"));
        var tooLong = await PostAsync(browser, "/track", ("Number", TooLong), ("Code", "ABCD-EFGH"));

        Assert.Equal(HttpStatusCode.NotFound, longest.Status);
        Assert.Contains("没有与这个受理编号和查询码相符的申请", longest.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Contains("<p class=\"field-error\" id=\"tracking-number-error\">受理编号最多 40 个字符</p>", tooLong.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheApplicantsPage_LooksTheLongestUp_AndSaysALongerOneIsTooLong()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");

        var longest = await PostAsync(browser, "/applications/track", ("Number", Longest));
        var tooLong = await PostAsync(browser, "/applications/track", ("Number", TooLong));

        Assert.Equal(HttpStatusCode.NotFound, longest.Status);
        Assert.Contains(Longest, longest.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.Status);
        Assert.Contains("受理编号最多 40 个字符", tooLong.Html, StringComparison.Ordinal);
    }

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(HttpClient browser, string page, params (string Name, string Value)[] fields)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);
        using var response = await browser.PostAsync(page, new FormUrlEncodedContent(
            [.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }
}
