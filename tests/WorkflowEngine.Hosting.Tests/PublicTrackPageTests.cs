using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The public look-up page (<c>/track</c>): a citizen who applied at the window, without an account, enters the tracking
/// number and the query code of the receipt and reads each department's step on the POST's answer, nothing of the form or
/// the materials; a wrong code reads exactly as an unknown number; the code never travels in a URL.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class PublicTrackPageTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string ResidentId = "11010519491231002X";
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task ACitizenEntersNumberAndCode_SeesEveryStep_AndNothingOfTheFormOrMaterials()
    {
        var receipt = await WalkInAsync(Host);
        var due = receipt.Application.GetProperty("dueAt").GetDateTimeOffset();
        using var browser = PageSignInTests.Browser(Host);

        // As typed from paper on a phone: lower case, the code without its hyphen.
        using var response = await PostAsync(browser, receipt.Number.ToLowerInvariant(), receipt.Code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());

        var page = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/track", response.RequestMessage!.RequestUri!.PathAndQuery);
        Assert.Contains("id=\"lookup-result\"", page, StringComparison.Ordinal);
        Assert.Contains("企业开办", page, StringComparison.Ordinal);
        Assert.Contains(receipt.Number, page, StringComparison.Ordinal);
        Assert.Contains("办理中", page, StringComparison.Ordinal);
        Assert.Contains(Pages.Applications.ApplicantText.Time(due), page, StringComparison.Ordinal);
        // The licence's step is with its department and running clock; the steps after it wait their turn.
        Assert.Contains("id=\"step-business-licence\"", page, StringComparison.Ordinal);
        Assert.Contains("营业执照", page, StringComparison.Ordinal);
        Assert.Contains("剩余工作时间", page, StringComparison.Ordinal);
        Assert.Contains("id=\"steps-title\"", page, StringComparison.Ordinal);
        // Nothing of the form, the materials, the citizen or the code.
        Assert.DoesNotContain("福州闽江数字科技有限公司", page, StringComparison.Ordinal);
        Assert.DoesNotContain("王五", page, StringComparison.Ordinal);
        Assert.DoesNotContain(ResidentId, page, StringComparison.Ordinal);
        Assert.DoesNotContain("章程.pdf", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"/api/applications/{receipt.Id}", page, StringComparison.Ordinal);
        Assert.DoesNotContain(receipt.Code, page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(receipt.Code.Replace("-", "", StringComparison.Ordinal), page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AWrongCodeAndAnUnknownNumber_GetTheSameAnswer_ThatNamesNeither()
    {
        var receipt = await WalkInAsync(Host);
        var unknown = "YB20990101-" + receipt.Number[^8..];
        var wrongCode = receipt.Code[..^1] + (receipt.Code[^1] == '2' ? '3' : '2');
        using var browser = PageSignInTests.Browser(Host);

        using var wrong = await PostAsync(browser, receipt.Number, wrongCode);
        using var nobody = await PostAsync(browser, unknown, receipt.Code);

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, nobody.StatusCode);
        var wrongPage = await HtmlAsync(wrong);
        Assert.Contains("没有与这个受理编号和查询码相符的申请", wrongPage, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lookup-result\"", wrongPage, StringComparison.Ordinal);
        // The same page but for the number the citizen typed (kept in its field) and the form's fresh token.
        Assert.Equal(Comparable(wrongPage, receipt.Number), Comparable(await HtmlAsync(nobody), unknown));
        Assert.DoesNotContain(wrongCode, wrongPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyFields_AreEachNamedNextToTheirField_AndInTheSummary()
    {
        using var browser = PageSignInTests.Browser(Host);

        using var response = await PostAsync(browser, " ", "");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await HtmlAsync(response);
        Assert.Contains("<p class=\"field-error\" id=\"tracking-number-error\">请输入受理编号</p>", page, StringComparison.Ordinal);
        Assert.Contains("<p class=\"field-error\" id=\"query-code-error\">请输入查询码</p>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#query-code\">请输入查询码</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheAntiforgeryToken_ThePostIsRefused()
    {
        var receipt = await WalkInAsync(Host);
        using var browser = PageSignInTests.Browser(Host);
        await PageSignInTests.AntiforgeryTokenAsync(browser, "/track");

        using var response = await browser.PostAsync("/track", new FormUrlEncodedContent([new("Number", receipt.Number), new("Code", receipt.Code)]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("lookup-result", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANumberAndCodeInTheQueryString_AreNotLookedUp()
    {
        var receipt = await WalkInAsync(Host);
        using var browser = PageSignInTests.Browser(Host);

        using var response = await browser.GetAsync($"/track?Number={receipt.Number}&Code={receipt.Code}");

        var page = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("lookup-result", page, StringComparison.Ordinal);
        // The form posts to the page's own address, never to the address it was opened at with the answers in it.
        Assert.Matches("<form method=\"post\" action=\"/track\" class=\"track-form\"", page);
        Assert.DoesNotContain("method=\"get\"", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AnOutstandingSupplement_IsListed_ToBeBroughtToTheWindow()
    {
        var receipt = await WalkInAsync(Host);
        var task = (await Host.TaskOfAsync(receipt.Id)).GetProperty("id").GetString();
        using var clerk = Host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        // Asked after the materials came with the application: what came before the request does not answer it.
        Host.Clock.Advance(TimeSpan.FromMinutes(10));
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "articles", reason = "章程第五条出资方式与申请表不一致" } }, note = "请携带原件" });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("admin", $"/api/applications/{receipt.Id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the supplement request");
        using var browser = PageSignInTests.Browser(Host);

        using var response = await PostAsync(browser, receipt.Number, receipt.Code);

        var page = await HtmlAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"bring-to-window\"", page, StringComparison.Ordinal);
        Assert.Contains("请带齐下列材料到综合窗口补交", page, StringComparison.Ordinal);
        Assert.Contains("<li data-material=\"articles\">", page, StringComparison.Ordinal);
        Assert.Contains("章程第五条出资方式与申请表不一致", page, StringComparison.Ordinal);
        Assert.Contains("请携带原件", page, StringComparison.Ordinal);
        Assert.Contains("需要补正的材料", page, StringComparison.Ordinal);
        Assert.Contains("计时暂停", page, StringComparison.Ordinal);
        // Nothing to upload: a walk-in's application takes no file online.
        Assert.DoesNotContain("type=\"file\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InEnglish_ThePageAndItsAnswerAreEnglish()
    {
        var receipt = await WalkInAsync(Host);
        using var browser = PageSignInTests.Browser(Host);
        browser.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");

        using var found = await PostAsync(browser, receipt.Number, receipt.Code);
        using var wrong = await PostAsync(browser, "YB20990102-" + receipt.Number[^8..], receipt.Code);

        var page = await HtmlAsync(found);
        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("Track an application", page, StringComparison.Ordinal);
        Assert.Contains("Business opening", page, StringComparison.Ordinal);
        Assert.Contains("Each department's step", page, StringComparison.Ordinal);
        Assert.Contains("No application matches this tracking number and query code", await HtmlAsync(wrong), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePageAndTheApi_ShareTheLimitOfOneNumber_AndThePageSaysHowLongToWait()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--RateLimits:Lookups:TokenLimit=2", "--RateLimits:Lookups:ReplenishmentPeriod=00:10:00"]);
        var receipt = await WalkInAsync(host);
        using var api = host.Client();
        for (var i = 0; i < 2; i++)
        {
            using var guess = await api.PostAsJsonAsync("/api/public/track", new { trackingNumber = receipt.Number, queryCode = $"AAAA-AAA{i}" });
            Assert.Equal(HttpStatusCode.NotFound, guess.StatusCode);
        }

        using var browser = PageSignInTests.Browser(host);
        using var refused = await PostAsync(browser, receipt.Number, receipt.Code);
        using var otherNumber = await PostAsync(browser, "YB20990103-" + receipt.Number[^8..], receipt.Code);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var page = await HtmlAsync(refused);
        Assert.Contains("这个受理编号的查询次数过多，请 10 分钟后再试", page, StringComparison.Ordinal);
        Assert.DoesNotContain("lookup-result", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherNumber.StatusCode);
    }

    /// <summary>A walk-in's 企业开办 submitted at the window by the demo window user: its receipt's number and code.</summary>
    internal static async Task<WalkInReceipt> WalkInAsync(AllInOneHost host)
    {
        var application = BusinessOpening.Application();
        application["applicant"] = new JsonObject { ["name"] = "王五", ["idType"] = "resident-id", ["idNumber"] = ResidentId, ["phone"] = "13800138000" };
        using var window = host.Client("gsc-window");
        using var response = await window.PostAsync("/api/window/applications", BusinessOpening.Multipart(application));
        var receipt = await ProblemAssert.JsonAsync(response, HttpStatusCode.Created);
        var submitted = receipt.GetProperty("application");
        return new WalkInReceipt(
            submitted.GetProperty("id").GetGuid(), submitted.GetProperty("trackingNumber").GetString()!, receipt.GetProperty("queryCode").GetString()!, submitted);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string number, string code)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/track");
        return await browser.PostAsync("/track", new FormUrlEncodedContent([new("Number", number), new("Code", code), new("__RequestVerificationToken", token)]));
    }

    private static async Task<string> HtmlAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static string Comparable(string page, string number) =>
        TokenValue().Replace(page, "token").Replace(number, "NUMBER", StringComparison.Ordinal);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]*\"")]
    private static partial Regex TokenValue();

    /// <summary>What the window's receipt gives the citizen, and the application as the window's answer has it.</summary>
    internal sealed record WalkInReceipt(Guid Id, string Number, string Code, System.Text.Json.JsonElement Application);
}
