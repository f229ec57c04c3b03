using System.Net;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Extending a joint bundle's limit (行政许可法 Art. 42) without the API: a supervisor of a department with a step asks on
/// the application's extension page, a supervisor of the service centre approves or refuses on the extensions page, and
/// the applicant's clock moves; the same rules as the API answer at the fields they concern.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ClockExtensionPagesTests
{
    private const string Password = "Demo#2026";

    [Fact]
    public async Task ASupervisorAsksOnThePage_TheServiceCentreApprovesOnThePage_AndTheBundlesDueTimeMoves()
    {
        await using var host = await AllInOneHost.StartAsync(ClockExtensionTests.Monday);
        var id = await ClockExtensionTests.SubmitAsync(host);
        var number = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString()!;
        using var nrp = await PageSignInTests.SignedInBrowserAsync(host, "nrp-supervisor", Password);

        // The supervisor finds the application by its tracking number, from the page the navigation links.
        var list = WebUtility.HtmlDecode(await nrp.GetStringAsync("/supervision/clock-extensions"));
        Assert.Contains("href=\"/supervision/clock-extensions\"", list, StringComparison.Ordinal);
        var token = await PageSignInTests.AntiforgeryTokenAsync(nrp, "/supervision/clock-extensions");
        using var found = await nrp.PostAsync("/supervision/clock-extensions?handler=Find", Form(token, ("number", number.ToLowerInvariant())));
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        var ask = $"/supervision/applications/{id}/clock-extension";
        Assert.Equal(ask, found.Headers.Location?.OriginalString);

        // Only the clocks the rules allow are offered: the bundle, at most 15 working days (the stage allows none).
        var form = WebUtility.HtmlDecode(await nrp.GetStringAsync(ask));
        Assert.Contains("最多延长 15 个工作日，由 GSC 审批", form, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"joint-acceptance\"", form, StringComparison.Ordinal);

        // Past the definition's maximum: the core's rule, at the field and in the summary; nothing is recorded.
        using var tooMuch = await nrp.PostAsync(ask, Form(token, ("stage", ""), ("workingDays", "16"), ("reason", "五部门联合现场核查")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMuch.StatusCode);
        var refused = WebUtility.HtmlDecode(await tooMuch.Content.ReadAsStringAsync());
        Assert.Contains("<span id=\"workingDays-error\" class=\"field-error\">整件事的时限最多可延长 15 个工作日</span>", refused, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#workingDays\">整件事的时限最多可延长 15 个工作日</a>", refused, StringComparison.Ordinal);
        Assert.Contains("五部门联合现场核查</textarea>", refused, StringComparison.Ordinal);
        using var noReason = await nrp.PostAsync(ask, Form(token, ("stage", ""), ("workingDays", "5"), ("reason", " ")));
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("<span id=\"reason-error\" class=\"field-error\">须写明延长办理时限的理由", WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Empty((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions")).EnumerateArray());

        using var asked = await nrp.PostAsync(ask, Form(token, ("stage", ""), ("workingDays", "5"), ("reason", "五部门联合现场核查")));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var after = WebUtility.HtmlDecode(await nrp.GetStringAsync(asked.Headers.Location!.OriginalString));
        Assert.Contains("已提交延长申请", after, StringComparison.Ordinal);
        Assert.Contains("待审批", after, StringComparison.Ordinal);
        // Once per clock: nothing more is offered.
        Assert.DoesNotContain("id=\"workingDays\"", after, StringComparison.Ordinal);

        // The service centre's supervisor sees it waiting, and must say why to refuse.
        using var gsc = await PageSignInTests.SignedInBrowserAsync(host, "gsc-supervisor", Password);
        var waiting = WebUtility.HtmlDecode(await gsc.GetStringAsync("/supervision/clock-extensions"));
        Assert.Contains(number, waiting, StringComparison.Ordinal);
        Assert.Contains("<span class=\"said\" lang=\"zh\">自然资源规划科长</span>（NRP）于 ", waiting, StringComparison.Ordinal);
        Assert.DoesNotContain("nrp-supervisor", waiting, StringComparison.Ordinal);
        var extension = Assert.Single((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions")).EnumerateArray()).GetProperty("id").GetString()!;
        var gscToken = await PageSignInTests.AntiforgeryTokenAsync(gsc, "/supervision/clock-extensions");
        using var refuseBare = await gsc.PostAsync("/supervision/clock-extensions?handler=Refuse",
            Form(gscToken, ("application", id.ToString()), ("extension", extension), ("refuseReason", "")));
        Assert.Equal(HttpStatusCode.BadRequest, refuseBare.StatusCode);
        var bare = WebUtility.HtmlDecode(await refuseBare.Content.ReadAsStringAsync());
        Assert.Contains($"<span id=\"refuseReason-{extension}-error\" class=\"field-error\">驳回须说明理由", bare, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#refuseReason-{extension}\">驳回须说明理由", bare, StringComparison.Ordinal);

        using var approved = await gsc.PostAsync("/supervision/clock-extensions?handler=Approve",
            Form(gscToken, ("application", id.ToString()), ("extension", extension), ("comment", "同意延长")));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("已批准延长办理时限", WebUtility.HtmlDecode(await gsc.GetStringAsync(approved.Headers.Location!.OriginalString)), StringComparison.Ordinal);

        // The asking supervisor reads who asked and who answered by name; names and reasons marked as the people's words,
        // so that the English page reads them as Chinese.
        var answered = WebUtility.HtmlDecode(await nrp.GetStringAsync(ask));
        Assert.Contains("<span class=\"said\" lang=\"zh\">自然资源规划科长</span>（NRP）：<span class=\"said\" lang=\"zh\">五部门联合现场核查</span>", answered, StringComparison.Ordinal);
        Assert.Contains("<span class=\"said\" lang=\"zh\">政务服务中心主任</span> 的意见：<span class=\"said\" lang=\"zh\">同意延长</span>", answered, StringComparison.Ordinal);

        // Five working days on, as through the API.
        var bundle = ClockExtensionTests.Bundle(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"));
        Assert.Equal("2026-11-16T17:30:00+08:00", bundle.GetProperty("promised").GetProperty("dueAt").GetString());
        // The applicant is told why, not which official decided; the administrator sees who.
        Assert.Contains(bundle.GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "extend" && e.GetProperty("actor").ValueKind == JsonValueKind.Null);
        Assert.Contains(ClockExtensionTests.Bundle(await host.GetJsonAsync("admin", $"/api/applications/{id}/clocks")).GetProperty("events").EnumerateArray(),
            e => e.GetProperty("kind").GetString() == "extend" && e.GetProperty("actor").GetString() == "gsc-supervisor");
    }

    [Fact]
    public async Task AClerk_IsTurnedAwayFromBothPages_AndAsksNothing()
    {
        await using var host = await AllInOneHost.StartAsync(ClockExtensionTests.Monday);
        var id = await ClockExtensionTests.SubmitAsync(host);
        using var clerk = await PageSignInTests.SignedInBrowserAsync(host, "nrp-clerk", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(clerk, "/desk");

        using var list = await clerk.GetAsync("/supervision/clock-extensions");
        using var ask = await clerk.PostAsync($"/supervision/applications/{id}/clock-extension",
            Form(token, ("stage", ""), ("workingDays", "5"), ("reason", "现场核查")));

        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Contains("/account/denied", list.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        Assert.Contains("/account/denied", ask.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/supervision/clock-extensions\"", await clerk.GetStringAsync("/desk"), StringComparison.Ordinal);
        Assert.Empty((await host.GetJsonAsync("nrp-supervisor", $"/api/applications/{id}/clock-extensions")).EnumerateArray());
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__RequestVerificationToken", token)]);
}
