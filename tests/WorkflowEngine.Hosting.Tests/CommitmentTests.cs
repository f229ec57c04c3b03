using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 告知承诺制 over the real host, on the shipped 联合验收 bundle: the notice shows the archives commitment, the applicant
/// signs it and the step is approved at once (the archives office drops its task), the bundle completes, and sixty
/// working days later the archives office gets its verification task (事后核查); finding the archives not handed over
/// revokes the approval, tells the applicant why, and the finished bundle counts as refused.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CommitmentTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private const string Archives = "archives-acceptance";

    [Fact]
    public async Task TheApplicantSignsTheArchivesCommitment_TheStepIsApprovedAtOnce_AndAFailedVerificationRevokesIt()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var citizen = host.Client("zhangsan");

        // The one-time notice tells which step may be approved on commitment, and the words to sign.
        var notice = await host.GetJsonAsync("zhangsan", "/api/services/joint-acceptance-registration");
        var offered = Step(notice, Archives).GetProperty("commitment");
        var text = offered.GetProperty("text").GetString()!;
        Assert.Contains("三个月内", text, StringComparison.Ordinal);
        Assert.Equal("60 个工作日", offered.GetProperty("verifyWithin").GetString());
        Assert.Equal(JsonValueKind.Null, Step(notice, "fire-acceptance").GetProperty("commitment").ValueKind);
        var page = WebUtility.HtmlDecode(await citizen.GetStringAsync("/services/joint-acceptance-registration"));
        Assert.Contains("可实行告知承诺制", page, StringComparison.Ordinal);
        Assert.Contains(text, page, StringComparison.Ordinal);

        var id = await CommitmentFlow.SubmitAsync(host);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.True(Step(application, Archives).GetProperty("commitment").GetProperty("canSign").GetBoolean());
        Assert.Contains("我已阅读并同意，签署承诺书", WebUtility.HtmlDecode(await citizen.GetStringAsync($"/applications/{id}")), StringComparison.Ordinal);

        // Only the applicant signs, only what the step offers, and only by saying yes.
        var sign = new { step = Archives, accept = true, textSha256 = offered.GetProperty("textSha256").GetString() };
        using (var lisi = host.Client("lisi"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await lisi.PostAsJsonAsync($"/api/applications/{id}/commitments", sign)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments", sign with { accept = false })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments", sign with { step = "fire-acceptance" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments", sign with { textSha256 = new string('0', 64) })).StatusCode);

        // Signed at 09:30: approved at once, on commitment; the archives office no longer holds the step.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var signedAt = host.Clock.GetUtcNow();
        using var signed = await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments", sign);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var archives = Step(await signed.Content.ReadFromJsonAsync<JsonElement>(), Archives);
        Assert.Equal("approved", archives.GetProperty("status").GetString());
        var commitment = archives.GetProperty("commitment");
        Assert.Equal("awaiting-verification", commitment.GetProperty("status").GetString());
        Assert.Equal("zhangsan", commitment.GetProperty("signedBy").GetString());
        var verifyAt = commitment.GetProperty("verifyAt").GetDateTimeOffset();
        // Sixty working days after the signing day: past 清明, 劳动节 and its make-up Saturday, to the close of 28 May.
        Assert.Equal(new DateTimeOffset(2026, 5, 28, 17, 30, 0, Cst), verifyAt);
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments", sign)).StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 0, "the archives task to be recalled");
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var signature = Assert.Single(audit, e => e.GetProperty("type").GetString() == "CommitmentSigned");
        Assert.Equal("zhangsan", signature.GetProperty("actor").GetString());
        Assert.Equal(offered.GetProperty("textSha256").GetString(), signature.GetProperty("data").GetProperty("textSha256").GetString());
        Assert.Equal(signedAt, signature.GetProperty("at").GetDateTimeOffset());
        Assert.Contains(audit, e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == Archives
            && e.GetProperty("data").GetProperty("onCommitment").GetString() == "true");

        // The other departments decide; the bundle completes.
        await host.DecideOnlyTaskAsync("NRP", "nrp-clerk", new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst));
        await host.DecideOnlyTaskAsync("HUD", "hud-clerk", new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst));
        await host.DecideOnlyTaskAsync("QSS", "qss-clerk", new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst));
        await host.DecideOnlyTaskAsync("REG", "reg-clerk", new DateTimeOffset(2026, 3, 2, 14, 0, 0, Cst));
        var completed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "completed", "the bundle to complete");
        var completedAt = completed.GetProperty("completedAt").GetDateTimeOffset();
        var issued = completed.GetProperty("certificates").EnumerateArray().ToArray();
        Assert.Equal(["竣工联合验收意见书", "不动产权证书"], issued.Select(c => c.GetProperty("name").GetString()));
        Assert.All(issued, c => Assert.False(c.GetProperty("revoked").GetBoolean()));

        // A minute before the verification is due nothing comes; then the archives office gets its 事后核查 task.
        host.Clock.Advance(verifyAt.AddMinutes(-1) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        Assert.Equal(0, (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open")).GetArrayLength());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await host.FireDueTimersAsync();
        var queue = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 1, "the verification task");
        Assert.Equal("事后核查：城建档案验收", queue[0].GetProperty("title").GetString());
        Assert.Equal(2, queue[0].GetProperty("attempt").GetInt32());
        var task = queue[0].GetProperty("id").GetString();
        var detail = await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}");
        Assert.Equal(text, detail.GetProperty("application").GetProperty("verification").GetProperty("text").GetString());
        using var clerk = host.Client("arch-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        var desk = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Contains("事后核查：告知承诺", desk, StringComparison.Ordinal);
        Assert.Contains("核查不通过，撤销审批", desk, StringComparison.Ordinal);

        // The archives were not handed over: the approval is revoked, the applicant told why, the bundle counts as refused.
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "rejected", reason = "逾期未向城建档案馆移交工程档案" })).EnsureSuccessStatusCode();
        var revoked = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "rejected", "the revocation");
        archives = Step(revoked, Archives);
        Assert.Equal("revoked", archives.GetProperty("status").GetString());
        Assert.Equal("failed", archives.GetProperty("commitment").GetProperty("status").GetString());
        Assert.Equal("逾期未向城建档案馆移交工程档案", archives.GetProperty("commitment").GetProperty("reason").GetString());
        Assert.Contains("撤销城建档案验收的审批", revoked.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(completedAt, revoked.GetProperty("completedAt").GetDateTimeOffset());
        Assert.Contains(revoked.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "commitment-revoked"
            && n.GetProperty("message").GetString()!.Contains("逾期未向城建档案馆移交工程档案", StringComparison.Ordinal));
        audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Single(audit, e => e.GetProperty("type").GetString() == "CommitmentRevoked" && e.GetProperty("actor").GetString() == "arch-clerk");

        // Nothing the bundle issued stands: every certificate is void (作废) from the revocation, with its reason, in
        // the API and on the applicant's page, in either language.
        var voided = revoked.GetProperty("certificates").EnumerateArray().ToArray();
        Assert.Equal(2, voided.Length);
        Assert.All(voided, c =>
        {
            Assert.True(c.GetProperty("revoked").GetBoolean());
            Assert.Equal(host.Clock.GetUtcNow(), c.GetProperty("revokedAt").GetDateTimeOffset());
            Assert.Contains("逾期未向城建档案馆移交工程档案", c.GetProperty("revokedReason").GetString(), StringComparison.Ordinal);
        });
        var tracking = WebUtility.HtmlDecode(await citizen.GetStringAsync($"/applications/{id}"));
        var listed = tracking[tracking.IndexOf("id=\"certificates-title\"", StringComparison.Ordinal)..];
        listed = listed[..listed.IndexOf("</section>", StringComparison.Ordinal)];
        foreach (var name in new[] { "竣工联合验收意见书", "不动产权证书" })
        {
            Assert.Matches($"<li class=\"certificate-revoked\"><s>{name}</s> <span class=\"tag\">已作废</span>", listed);
        }

        Assert.Equal(2, listed.Split("逾期未向城建档案馆移交工程档案").Length - 1);
        using var english = host.Client("zhangsan");
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        var englishPage = WebUtility.HtmlDecode(await english.GetStringAsync($"/applications/{id}"));
        Assert.Contains("<span class=\"tag\">Revoked</span>", englishPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTrackingPagesButton_SignsTheCommitment_AndThePageThenShowsTheSignature()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await ArchivesStepStartedAsync(host);
        var sha = Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives).GetProperty("commitment").GetProperty("textSha256").GetString()!;

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, $"/applications/{id}");
        // As the browser posts the page's form: multipart, the only body the tracking page reads.
        using var body = new MultipartFormDataContent
        {
            { new StringContent(Archives), "step" }, { new StringContent(sha), "textSha256" }, { new StringContent(token), "__RequestVerificationToken" },
        };
        using var posted = await browser.PostAsync($"/applications/{id}?handler=Commitment", body);

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("awaiting-verification",
            Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives).GetProperty("commitment").GetProperty("status").GetString());
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}"));
        Assert.Contains("签署告知承诺书，事后核查：待核查", page, StringComparison.Ordinal);
        Assert.DoesNotContain("我已阅读并同意，签署承诺书", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASignatureOfATextSinceChanged_IsRefusedOnTheTrackingPage_InThePagesLanguage()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await ArchivesStepStartedAsync(host);
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, $"/applications/{id}");
        MultipartFormDataContent Body() => new()
        {
            { new StringContent(Archives), "step" }, { new StringContent(new string('0', 64)), "textSha256" }, { new StringContent(token), "__RequestVerificationToken" },
        };

        using var chinese = await browser.PostAsync($"/applications/{id}?handler=Commitment", Body());
        using (var switched = new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", $"/applications/{id}"), new("__RequestVerificationToken", token)]))
        {
            (await browser.PostAsync("/language", switched)).Dispose();
        }

        using var english = await browser.PostAsync($"/applications/{id}?handler=Commitment", Body());

        Assert.Equal(HttpStatusCode.Conflict, chinese.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, english.StatusCode);
        Assert.Contains("承诺书的内容与您阅读的不一致（可能已更新），请重新阅读后签署", WebUtility.HtmlDecode(await chinese.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var page = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains("The commitment is not the text you read (it may have been updated): read it again, then sign", page, StringComparison.Ordinal);
        Assert.DoesNotContain("承诺书的内容与您阅读的不一致", page, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null,
            Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives).GetProperty("commitment").GetProperty("signedAt").ValueKind);
    }

    /// <summary>Zhangsan's joint acceptance, submitted, once the archives step (which offers a commitment) has reached its department.</summary>
    private static async Task<Guid> ArchivesStepStartedAsync(AllInOneHost host)
    {
        var form = JointAcceptance.Form(civilAirDefence: false);
        form["completionDate"] = "2026-02-27";
        using (var citizen = host.Client("zhangsan"))
        {
            (await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(form))).EnsureSuccessStatusCode();
        }

        var id = (await host.GetJsonAsync("zhangsan", "/api/applications"))[0].GetProperty("id").GetGuid();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 1, "the archives task");
        return id;
    }

    private static JsonElement Step(JsonElement application, string id) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == id);
}
