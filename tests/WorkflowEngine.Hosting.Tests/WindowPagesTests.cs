using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The window's 受理台 (<c>/window</c>): window staff take in 企业开办 for a walk-in on one page, the citizen's errors and
/// the form's come back together, an accepted form answers with the printable receipt and its query code once, the
/// form sent again gets the same application without the code, and nobody but window staff opens it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class WindowPagesTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "Demo#2026";

    private AllInOneHost Host => fixture.Host;

    internal const string Intake = "/window/services/business-opening";

    /// <summary>The intake form of 企业开办 for the walk-in 王五, with the given files (the two PDFs when none).</summary>
    internal static MultipartFormDataContent IntakeForm(
        string? token, string submission, string idNumber = "11010519491231002X", string phone = "13800138000", System.Text.Json.Nodes.JsonObject? form = null,
        params (string Key, string FileName, byte[] Content)[] files)
    {
        var content = ApplicantPagesTests.ApplyForm(token, submission, form, files);
        foreach (var (field, value) in new[] { ("name", "王五"), ("idType", "resident-id"), ("idNumber", idNumber), ("phone", phone) })
        {
            content.Add(new StringContent(value), "applicant." + field);
        }

        return content;
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private async Task<long> CountAsync() => await Host.ScalarAsync("SELECT COUNT(*) FROM applications");

    [Fact]
    public async Task ABadIdNumberAndABadFormField_AreMarkedAtTheirFieldsAndSummarised_TogetherInOneGo()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-window", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, Intake);
        var form = BusinessOpening.Form();
        form["contactPhone"] = "123";
        var before = await CountAsync();

        using var response = await browser.PostAsync(Intake, IntakeForm(token, Guid.NewGuid().ToString("N"), idNumber: "110105194912310021", form: form));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlAsync(response);
        Assert.Matches("id=\"a-idNumber-error\">[^<]*校验", page);
        Assert.Contains("id=\"f-contactPhone-error\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#a-idNumber\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#f-contactPhone\"", page, StringComparison.Ordinal);

        // What was typed stays, for the staff to correct.
        Assert.Contains("value=\"王五\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task WithoutTheAntiforgeryToken_TheFormIsRefused_AndNothingIsStored()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-window", Password);
        var before = await CountAsync();

        using var forged = await browser.PostAsync(Intake, IntakeForm(null, Guid.NewGuid().ToString("N")));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task AnAcceptedForm_AnswersWithThePrintableReceipt_TheCodeOnce_AndTheSameFormAgainMakesNoSecondApplication()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-window", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, Intake);
        var submission = Guid.NewGuid().ToString("N");
        var before = await CountAsync();

        using var accepted = await browser.PostAsync(Intake, IntakeForm(token, submission));
        using var again = await browser.PostAsync(Intake, IntakeForm(token, submission));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("no-store", accepted.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var receipt = await HtmlAsync(accepted);
        var code = QueryCode().Match(receipt);
        Assert.True(code.Success, "the receipt shows the query code");
        var trackingNumber = TrackingNumber().Match(receipt).Groups[1].Value;
        Assert.NotEmpty(trackingNumber);
        Assert.Contains("110105********002X", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain("11010519491231002X", receipt, StringComparison.Ordinal);
        Assert.Contains("综合窗口受理员", receipt, StringComparison.Ordinal);
        Assert.Contains("遗失后无法再次显示", receipt, StringComparison.Ordinal);
        Assert.Contains("href=\"/track\"", receipt, StringComparison.Ordinal);
        Assert.Contains("章程.pdf", receipt, StringComparison.Ordinal);

        // The code works on the public look-up, as printed.
        using var anonymous = Host.Client();
        using var tracked = await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber, queryCode = code.Groups[1].Value });
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);

        // A reload sends the form again: the same application, and no code for whoever looks at the screen later.
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeat = await HtmlAsync(again);
        Assert.DoesNotMatch(QueryCode(), repeat);
        Assert.Contains("id=\"query-code-withheld\"", repeat, StringComparison.Ordinal);
        Assert.Equal(trackingNumber, TrackingNumber().Match(repeat).Groups[1].Value);
        Assert.Equal(before + 1, await CountAsync());
    }

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("samr-clerk")]
    public async Task OnlyWindowStaffOpenTheIntake(string user)
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, user, Password);

        foreach (var page in (string[])["/window", Intake])
        {
            using var response = await browser.GetAsync(page);
            Assert.True(
                response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/denied", StringComparison.OrdinalIgnoreCase) == true),
                $"{user} opening {page}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        using var home = await browser.GetAsync("/");
        Assert.DoesNotContain("href=\"/window\"", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WindowStaff_SeeTheLinkInTheHeader_AndTheServicesToTakeIn_WithTheWayToWalkInApplications()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-window", Password);

        var page = await browser.GetStringAsync("/window");

        Assert.Contains("<a href=\"/window\" aria-current=\"page\">受理台</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/window/services/business-opening\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/window/applications\"", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"query-code\">([0-9A-Z]{4}-[0-9A-Z]{4})<")]
    private static partial Regex QueryCode();

    [GeneratedRegex("id=\"tracking-number\">([^<]+)<")]
    private static partial Regex TrackingNumber();
}
