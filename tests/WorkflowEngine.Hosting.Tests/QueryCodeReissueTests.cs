using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 查询码补发: a walk-in citizen who lost the receipt gets a new query code at the window, once the staff checked their
/// identity document in person. The old code stops working at once and the new one works; the audit names the staff
/// member and the citizen; only window staff, only for a walk-in's application, only with the confirmation; on the
/// page the confirmation's error stands by its field, and the slip shows the new code once — the form sent again
/// neither shows it nor replaces it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class QueryCodeReissueTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "Demo#2026";
    private const string Citizen = "王五";

    private AllInOneHost Host => fixture.Host;

    private async Task<(Guid Id, string Number, string Code)> TakeInAsync()
    {
        var application = BusinessOpening.Application();
        application["applicant"] = new JsonObject { ["name"] = Citizen, ["idType"] = "resident-id", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" };
        using var window = Host.Client("gsc-window");
        using var response = await window.PostAsync("/api/window/applications", BusinessOpening.Multipart(application));
        var receipt = await ProblemAssert.JsonAsync(response, HttpStatusCode.Created);
        return (receipt.GetProperty("application").GetProperty("id").GetGuid(), receipt.GetProperty("application").GetProperty("trackingNumber").GetString()!,
            receipt.GetProperty("queryCode").GetString()!);
    }

    private async Task<HttpStatusCode> TrackAsync(string number, string code)
    {
        using var anonymous = Host.Client();
        using var response = await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = code });
        return response.StatusCode;
    }

    private async Task<JsonElement[]> ReissuesAsync(Guid id) =>
        (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "QueryCodeReissued").ToArray();

    [Fact]
    public async Task WindowStaffReissue_TheOldCodeStopsWorking_TheNewOneWorks_AndTheAuditNamesStaffAndCitizen()
    {
        var (id, number, old) = await TakeInAsync();
        Assert.Equal(HttpStatusCode.OK, await TrackAsync(number, old));

        using var window = Host.Client("gsc-window");
        using var response = await window.PostAsJsonAsync($"/api/applications/{id}/query-code", new { identityChecked = true });

        var reissued = await ProblemAssert.JsonAsync(response, HttpStatusCode.OK);
        var code = reissued.GetProperty("queryCode").GetString()!;
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", code);
        Assert.NotEqual(old, code);
        Assert.Equal(number, reissued.GetProperty("trackingNumber").GetString());
        Assert.Equal(TimeSpan.FromHours(8), reissued.GetProperty("reissuedAt").GetDateTimeOffset().Offset);
        Assert.Equal(HttpStatusCode.NotFound, await TrackAsync(number, old));
        Assert.Equal(HttpStatusCode.OK, await TrackAsync(number, code));

        var line = Assert.Single(await ReissuesAsync(id));
        Assert.Equal("gsc-window", line.GetProperty("actor").GetString());
        Assert.Equal("walk-in citizen " + Citizen, line.GetProperty("data").GetProperty("onBehalfOf").GetString());
        // Neither the code nor its hash goes into the trail, which administrators read.
        var data = line.GetProperty("data").GetRawText();
        Assert.DoesNotContain(code, data, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9a-f]{64}", data);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"identityChecked\":false}")]
    public async Task WithoutTheConfirmation_ItIsRefusedNamingTheField_AndTheOldCodeStillWorks(string body)
    {
        var (id, number, old) = await TakeInAsync();
        using var window = Host.Client("gsc-window");

        using var response = await window.PostAsync($"/api/applications/{id}/query-code", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("身份证件", ProblemAssert.FieldError(problem, "identityChecked"), StringComparison.Ordinal);
        Assert.Empty(await ReissuesAsync(id));
        Assert.Equal(HttpStatusCode.OK, await TrackAsync(number, old));
    }

    [Theory]
    [InlineData("zhangsan")]
    [InlineData("samr-clerk")]
    [InlineData("gsc-supervisor")]
    [InlineData("admin")]
    public async Task OnlyWindowStaffReissue(string user)
    {
        var (id, number, old) = await TakeInAsync();
        using var client = Host.Client(user);

        using var response = await client.PostAsJsonAsync($"/api/applications/{id}/query-code", new { identityChecked = true });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await TrackAsync(number, old));
        using var page = await client.GetAsync($"/window/applications/{id}");
        Assert.DoesNotContain("handler=ReissueCode", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnApplicationMadeOnline_IsNotFound()
    {
        var online = await Host.SubmitBusinessOpeningAsync();
        using var window = Host.Client("gsc-window");

        Assert.Equal(HttpStatusCode.NotFound, (await window.PostAsJsonAsync($"/api/applications/{online}/query-code", new { identityChecked = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await window.PostAsJsonAsync($"/api/applications/{Guid.NewGuid()}/query-code", new { identityChecked = true })).StatusCode);
        Assert.Empty(await ReissuesAsync(online));
    }

    [Fact]
    public async Task AWithdrawnApplication_StillGetsANewCode_ToLookTheOutcomeUp()
    {
        var (id, number, _) = await TakeInAsync();
        using var window = Host.Client("gsc-window");
        (await window.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "申请人书面申请撤回" })).EnsureSuccessStatusCode();

        using var response = await window.PostAsJsonAsync($"/api/applications/{id}/query-code", new { identityChecked = true });

        var code = (await ProblemAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("queryCode").GetString()!;
        using var anonymous = Host.Client();
        using var tracked = await anonymous.PostAsJsonAsync("/api/public/track", new { trackingNumber = number, queryCode = code });
        Assert.Equal("withdrawn", (await ProblemAssert.JsonAsync(tracked, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACookieCaller_NeedsTheAntiforgeryToken()
    {
        var (id, number, old) = await TakeInAsync();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-window", Password);
        var page = $"/window/applications/{id}";

        using var forged = await browser.PostAsJsonAsync($"/api/applications/{id}/query-code", new { identityChecked = true });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await TrackAsync(number, old));

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/query-code") { Content = JsonContent.Create(new { identityChecked = true }) };
        request.Headers.Add("RequestVerificationToken", await PageSignInTests.AntiforgeryTokenAsync(browser, page));
        using var sent = await browser.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
    }

    [Fact]
    public async Task OnThePage_TheConfirmationsErrorStandsByItsField_AndTheSlipShowsTheNewCodeOnce()
    {
        var (id, number, old) = await TakeInAsync();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-window", Password);
        var page = $"/window/applications/{id}";
        var html = WebUtility.HtmlDecode(await browser.GetStringAsync(page));
        Assert.Contains("action=\"?handler=ReissueCode\"", html, StringComparison.Ordinal);
        Assert.Contains("已当面核验申请人身份证件原件", html, StringComparison.Ordinal);
        var instance = ReissueRequest().Match(html).Groups[1].Value;
        Assert.NotEmpty(instance);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);

        using var unconfirmed = await browser.PostAsync(page + "?handler=ReissueCode", Form(token, instance, confirmed: false));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unconfirmed.StatusCode);
        var refused = WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync());
        Assert.Matches("<p class=\"field-error\" id=\"identity-checked-error\">请先当面核验申请人的身份证件原件", refused);
        Assert.Contains("aria-describedby=\"identity-checked-help identity-checked-error\"", refused, StringComparison.Ordinal);
        Assert.Contains("href=\"#identity-checked\"", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await TrackAsync(number, old));

        using var slip = await browser.PostAsync(page + "?handler=ReissueCode", Form(token, instance, confirmed: true));
        Assert.Equal(HttpStatusCode.OK, slip.StatusCode);
        Assert.Contains("no-store", slip.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var printed = WebUtility.HtmlDecode(await slip.Content.ReadAsStringAsync());
        var code = QueryCode().Match(printed);
        Assert.True(code.Success, "the slip shows the new code");
        Assert.Contains($"id=\"tracking-number\">{number}<", printed, StringComparison.Ordinal);
        Assert.Contains("遗失后可凭身份证件到窗口重新生成", printed, StringComparison.Ordinal);
        Assert.Contains("（北京时间）", printed, StringComparison.Ordinal);
        Assert.Contains("/assets/js/print.js", printed, StringComparison.Ordinal);

        // A reload sends the same form again: nothing is replaced, and the code is not shown to whoever looks later.
        using var again = await browser.PostAsync(page + "?handler=ReissueCode", Form(token, instance, confirmed: true));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var repeat = WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync());
        Assert.DoesNotMatch(QueryCode(), repeat);
        Assert.Contains("id=\"query-code-withheld\"", repeat, StringComparison.Ordinal);
        Assert.DoesNotMatch(QueryCode(), WebUtility.HtmlDecode(await browser.GetStringAsync(page)));
        Assert.Single(await ReissuesAsync(id));

        Assert.Equal(HttpStatusCode.NotFound, await TrackAsync(number, old));
        Assert.Equal(HttpStatusCode.OK, await TrackAsync(number, code.Groups[1].Value));
    }

    private static MultipartFormDataContent Form(string token, string instance, bool confirmed)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(instance), "reissueRequest" },
            { new StringContent(token), "__RequestVerificationToken" },
        };
        if (confirmed)
        {
            form.Add(new StringContent("true"), "identityChecked");
        }

        return form;
    }

    [GeneratedRegex("id=\"query-code\">([0-9A-Z]{4}-[0-9A-Z]{4})<")]
    private static partial Regex QueryCode();

    [GeneratedRegex("name=\"reissueRequest\" value=\"([0-9a-f]{32})\"")]
    private static partial Regex ReissueRequest();
}
