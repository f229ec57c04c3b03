using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 按承诺审批 at the service window, over the real host on the shipped 联合验收 bundle: the archives clerk sees the
/// commitment the step offers, the applicant signs it on paper before them, and the clerk approves the step on it.
/// The engine approves on commitment as for an online signature — the applicant's tracking says it was signed at the
/// window — and sixty working days later the archives office gets its verification task. Refused: a step without a
/// commitment, a task not claimed, another department's clerk, a bad identity number, and a signature of another text,
/// which the engine refuses and gives back to the clerk.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WindowCommitmentTests
{
    private const string Archives = CommitmentFlow.Archives;

    private static readonly object Signed = new { signerName = "张三", signerIdNumber = "11010519491231002X", paperSigned = true };

    [Fact]
    public async Task TheClerkApprovesOnAPaperCommitment_TheStepIsApprovedOnCommitment_AndTheVerificationComesOnTheRightDay()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await CommitmentFlow.SubmitAsync(host);
        var offered = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives).GetProperty("commitment");
        var task = (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"))[0].GetProperty("id").GetString();

        // The task carries the step's commitment, word for word, and the page shows it.
        var offer = (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("application").GetProperty("commitment");
        Assert.Equal(offered.GetProperty("text").GetString(), offer.GetProperty("text").GetString());
        Assert.Equal(offered.GetProperty("textSha256").GetString(), offer.GetProperty("textSha256").GetString());
        using var clerk = host.Client("arch-clerk");
        Assert.Contains(offered.GetProperty("text").GetString()!, WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}")), StringComparison.Ordinal);

        // Only the clerk holding it, of its department, with the paper's particulars.
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{task}/approve-on-commitment", Signed)).StatusCode);
        using (var other = host.Client("nrp-clerk"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/tasks/{task}/approve-on-commitment", Signed)).StatusCode);
        }

        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        Assert.Contains("按承诺审批（窗口签署）", WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}")), StringComparison.Ordinal);
        using var invalid = await clerk.PostAsJsonAsync(
            $"/api/tasks/{task}/approve-on-commitment", new { signerName = " ", signerIdNumber = "110105194912310021", paperSigned = false });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("姓名", errors.GetProperty("signerName")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("校验位", errors.GetProperty("signerIdNumber")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("纸质承诺书", errors.GetProperty("paperSigned")[0].GetString(), StringComparison.Ordinal);

        // Signed on paper at 09:30: the step is approved on commitment, as if signed online, and the clerk is on record.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var signedAt = host.Clock.GetUtcNow();
        using var approved = await clerk.PostAsJsonAsync($"/api/tasks/{task}/approve-on-commitment", Signed);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("completed", decided.GetProperty("status").GetString());
        // The task keeps the paper's particulars, for the department's own record.
        Assert.Equal(("张三", "11010519491231002X", "arch-clerk"), (decided.GetProperty("commitment").GetProperty("signerName").GetString(),
            decided.GetProperty("commitment").GetProperty("signerIdNumber").GetString(), decided.GetProperty("commitment").GetProperty("witnessedBy").GetString()));
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => CommitmentFlow.Step(a, Archives).GetProperty("status").GetString() == "approved", "the approval on commitment");
        var commitment = CommitmentFlow.Step(application, Archives).GetProperty("commitment");
        Assert.Equal("awaiting-verification", commitment.GetProperty("status").GetString());
        Assert.Equal(("window", "张三", "arch-clerk"),
            (commitment.GetProperty("channel").GetString(), commitment.GetProperty("signedBy").GetString(), commitment.GetProperty("witnessedBy").GetString()));
        var verifyAt = commitment.GetProperty("verifyAt").GetDateTimeOffset();
        // Sixty working days after the signing day, as for the online signature: the close of 28 May.
        Assert.Equal(new DateTimeOffset(2026, 5, 28, 17, 30, 0, CommitmentFlow.Cst), verifyAt);
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var signature = Assert.Single(audit, e => e.GetProperty("type").GetString() == "CommitmentSigned");
        Assert.Equal("arch-clerk", signature.GetProperty("actor").GetString());
        Assert.Equal(signedAt, signature.GetProperty("at").GetDateTimeOffset());
        var data = signature.GetProperty("data");
        Assert.Equal(("window", "张三", "11**************2X", offered.GetProperty("textSha256").GetString()),
            (data.GetProperty("channel").GetString(), data.GetProperty("signedBy").GetString(), data.GetProperty("signerId").GetString(),
                data.GetProperty("textSha256").GetString()));
        Assert.Contains(audit, e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == Archives
            && e.GetProperty("data").GetProperty("onCommitment").GetString() == "true");
        using (var citizen = host.Client("zhangsan"))
        {
            Assert.Contains("在窗口签署告知承诺书", WebUtility.HtmlDecode(await citizen.GetStringAsync($"/applications/{id}")), StringComparison.Ordinal);
        }

        // The bundle completes; a minute before the verification is due nothing comes, then the archives office gets it.
        await CommitmentFlow.CompleteOtherStepsAsync(host, id);
        host.Clock.Advance(verifyAt.AddMinutes(-1) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        Assert.Equal(0, (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open")).GetArrayLength());
        var verification = await CommitmentFlow.VerificationTaskAsync(host, verifyAt);
        var detail = (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{verification}")).GetProperty("application");
        Assert.Equal("张三", detail.GetProperty("verification").GetProperty("signedBy").GetString());
        Assert.True(Absent(detail, "commitment"));
        (await clerk.PostAsync($"/api/tasks/{verification}/claim", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{verification}/approve-on-commitment", Signed)).StatusCode);
    }

    [Fact]
    public async Task AStepWithoutACommitment_CannotBeApprovedOnOne()
    {
        await using var host = await AllInOneHost.StartAsync();
        await CommitmentFlow.SubmitAsync(host);
        var tasks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("hud-clerk", "/api/departments/HUD/tasks?status=open"), t => t.GetArrayLength() == 1, "the fire acceptance task");
        var task = tasks[0].GetProperty("id").GetString();
        Assert.True(Absent((await host.GetJsonAsync("hud-clerk", $"/api/tasks/{task}")).GetProperty("application"), "commitment"));
        using var clerk = host.Client("hud-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        Assert.DoesNotContain("按承诺审批", WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}")), StringComparison.Ordinal);

        using var refused = await clerk.PostAsJsonAsync($"/api/tasks/{task}/approve-on-commitment", Signed);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("不适用告知承诺制", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("claimed", (await host.GetJsonAsync("hud-clerk", $"/api/tasks/{task}")).GetProperty("task").GetProperty("status").GetString());
    }

    [Fact]
    public async Task ASignatureOfAnotherText_IsRefusedByTheEngine_AndTheTaskGoesBackToTheClerk()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await CommitmentFlow.SubmitAsync(host);
        var task = (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"))[0].GetProperty("id").GetString();
        var sha = (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("application").GetProperty("commitment").GetProperty("textSha256").GetString();
        // A department system holding an older text of the commitment than the definition's.
        Assert.Equal(1, await host.ScalarAsync(
            "UPDATE department_tasks SET payload_json = replace(payload_json, @sha, @other) WHERE id = @task; SELECT changes();",
            new { sha, other = new string('0', 64), task }));
        using var clerk = host.Client("arch-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();

        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/approve-on-commitment", Signed)).EnsureSuccessStatusCode();

        var back = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}"), t => t.GetProperty("task").GetProperty("status").GetString() == "claimed", "the task back to its clerk");
        Assert.Equal("arch-clerk", back.GetProperty("task").GetProperty("claimedBy").GetString());
        Assert.Contains("承诺书与本事项的承诺书不一致", back.GetProperty("task").GetProperty("note").GetString(), StringComparison.Ordinal);
        var step = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), Archives);
        Assert.NotEqual("approved", step.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, step.GetProperty("commitment").GetProperty("signedAt").ValueKind);
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Single(audit, e => e.GetProperty("type").GetString() == "CommitmentIgnored" && e.GetProperty("actor").GetString() == "arch-clerk");
        Assert.DoesNotContain(audit, e => e.GetProperty("type").GetString() == "CommitmentSigned");

        // The clerk reading the English pages reads why in English.
        using var english = host.Client("arch-clerk");
        english.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        Assert.Contains("Not approved on the commitment: The commitment signed is not this step's commitment",
            WebUtility.HtmlDecode(await english.GetStringAsync($"/desk/tasks/{task}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePagesForm_ShowsEachErrorByItsField_InChineseAndEnglish_ThenApproves()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await CommitmentFlow.SubmitAsync(host);
        var task = (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"))[0].GetProperty("id").GetString();
        using (var api = host.Client("arch-clerk"))
        {
            (await api.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        }

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "arch-clerk", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, $"/desk/tasks/{task}");
        FormUrlEncodedContent Form(params KeyValuePair<string, string>[] fields) => new([.. fields, new("__RequestVerificationToken", token)]);
        KeyValuePair<string, string>[] unconfirmed = [new("signerName", "张三"), new("signerIdNumber", "110105194912310021")];

        using var chinese = await browser.PostAsync($"/desk/tasks/{task}?handler=ApproveOnCommitment", Form(unconfirmed));
        Assert.Equal(HttpStatusCode.BadRequest, chinese.StatusCode);
        var html = WebUtility.HtmlDecode(await chinese.Content.ReadAsStringAsync());
        Assert.Matches("id=\"signerIdNumber-error\" class=\"field-error\">居民身份证号码有误：[^<]*校验位", html);
        Assert.Matches("id=\"paperSigned-error\" class=\"field-error\">须确认申请人已在窗口当面签署纸质承诺书", html);
        // What the clerk typed stays in the form.
        Assert.Contains("value=\"张三\"", html, StringComparison.Ordinal);

        (await browser.PostAsync("/language", Form(new("culture", "en"), new("returnUrl", "/desk")))).Dispose();
        using var english = await browser.PostAsync($"/desk/tasks/{task}?handler=ApproveOnCommitment", Form(unconfirmed));
        html = WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync());
        Assert.Contains("Approve on commitment (signed at the window)", html, StringComparison.Ordinal);
        Assert.Matches("id=\"paperSigned-error\" class=\"field-error\">Confirm that the applicant signed the paper commitment before you at the window", html);
        Assert.Matches("id=\"signerIdNumber-error\" class=\"field-error\">Not a valid resident ID number", html);

        using var approved = await browser.PostAsync($"/desk/tasks/{task}?handler=ApproveOnCommitment",
            Form(new("signerName", "张三"), new("signerIdNumber", "11010519491231002X"), new("paperSigned", "true")));
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => CommitmentFlow.Step(a, Archives) is var step && step.GetProperty("status").GetString() == "approved"
                && step.GetProperty("commitment").TryGetProperty("channel", out var channel) && channel.ValueKind == JsonValueKind.String,
            "the approval on commitment with its signature");
        Assert.Equal("window", CommitmentFlow.Step(application, Archives).GetProperty("commitment").GetProperty("channel").GetString());
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Contains("witnessed by 城建档案馆", page, StringComparison.Ordinal);
    }

    /// <summary>A property a message leaves out, or sends as null: the step has none.</summary>
    private static bool Absent(JsonElement element, string name) => !element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null;
}
