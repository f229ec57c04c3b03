using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A citizen who walked in has no account, and their application is owned by none: when a department asked for
/// supplementary material (补正), offered a commitment (告知承诺) or the citizen wanted to withdraw, nobody could act —
/// the request ran out and the application ended. Now any of the window staff (not only the one who took it in: shifts
/// change) acts for the citizen on an application taken in at a window, and only on those; an applicant still cannot
/// see a walk-in; every act is audited under the staff member, for the citizen.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_WalkInSupplementCannotBeAnswered
{
    private const string Citizen = "王五";
    private const string OtherShift = "gsc-window-late";
    private const string OnBehalfOf = "walk-in citizen " + Citizen;

    private static JsonObject WalkIn() => new() { ["name"] = Citizen, ["idType"] = "resident-id", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" };

    [Fact]
    public async Task AnotherWindowUser_AnswersTheSupplementRequest_AndTheStepRunsAgain()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await TakeInAsync(host, "/api/window/applications", Business());
        await AddOtherShiftAsync(host);
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", new
        {
            items = new[] { new { material = "articles", reason = "章程第五条出资方式与申请表不一致" }, new { material = "legalRepIdCopy", reason = "复印件不清晰" } },
        });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync(OtherShift, $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request, as the window staff read it");
        Assert.Equal("paused", SupplementTests.Licence(application).GetProperty("clock").GetString());

        // An applicant neither sees nor supplies it.
        using var applicant = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SupplementTests.UploadAsync(applicant, id, "articles", "%PDF-1.4 not mine\n")).StatusCode);

        // The citizen comes back in the afternoon; the late shift uploads both items in one submission.
        host.Clock.Advance(TimeSpan.FromHours(4));
        using var window = host.Client(OtherShift);
        using var both = new MultipartFormDataContent();
        foreach (var key in new[] { "articles", "legalRepIdCopy" })
        {
            var file = new ByteArrayContent("%PDF-1.4 corrected at the counter\n"u8.ToArray());
            file.Headers.ContentType = new("application/pdf");
            both.Add(file, key, key + ".pdf");
        }

        Assert.Equal(HttpStatusCode.OK, (await window.PostAsync($"/api/applications/{id}/materials", both)).StatusCode);
        application = await host.GetJsonAsync(OtherShift, $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
        await AllInOneHost.EventuallyAsync(
            () => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "running", "the clerk's task to run again");

        var audit = await AuditAsync(host, id);
        Assert.All(audit.Where(e => e.GetProperty("type").GetString() == "MaterialUploaded"), e => ActedFor(e, OtherShift));
        ActedFor(Assert.Single(audit, e => e.GetProperty("type").GetString() == "SupplementProvided"), OtherShift);
    }

    [Fact]
    public async Task WindowStaff_RecordTheCitizensPaperCommitment_AndTheStepIsApprovedOnIt()
    {
        await using var host = await AllInOneHost.StartAsync();
        var form = JointAcceptance.Form(civilAirDefence: false);
        form["completionDate"] = "2026-02-27";
        var id = await TakeInAsync(host, "/api/window/applications", JointAcceptance.AtWindow(form, WalkIn()));
        await AddOtherShiftAsync(host);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 1, "the archives task");
        var offered = CommitmentFlow.Step(await host.GetJsonAsync(OtherShift, $"/api/applications/{id}"), CommitmentFlow.Archives).GetProperty("commitment");
        Assert.True(offered.GetProperty("canSign").GetBoolean());

        using var applicant = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.PostAsJsonAsync($"/api/applications/{id}/commitments", new { step = CommitmentFlow.Archives, accept = true })).StatusCode);

        using var window = host.Client(OtherShift);
        using var signed = await window.PostAsJsonAsync($"/api/applications/{id}/commitments",
            new { step = CommitmentFlow.Archives, accept = true, textSha256 = offered.GetProperty("textSha256").GetString() });
        var commitment = CommitmentFlow.Step(await ProblemAssert.JsonAsync(signed, HttpStatusCode.OK), CommitmentFlow.Archives).GetProperty("commitment");
        Assert.Equal(("intake-window", Citizen, OtherShift),
            (commitment.GetProperty("channel").GetString(), commitment.GetProperty("signedBy").GetString(), commitment.GetProperty("witnessedBy").GetString()));
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"), t => t.GetArrayLength() == 0, "the archives task to be recalled");

        var line = Assert.Single(await AuditAsync(host, id), e => e.GetProperty("type").GetString() == "CommitmentSigned");
        ActedFor(line, OtherShift);
        Assert.Equal(Citizen, line.GetProperty("data").GetProperty("signedBy").GetString());
        Assert.Equal("intake-window", line.GetProperty("data").GetProperty("channel").GetString());
    }

    [Fact]
    public async Task WindowStaff_WithdrawForTheCitizen_OnlyWithTheCitizensReason()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await TakeInAsync(host, "/api/window/applications", Business());
        await AddOtherShiftAsync(host);
        await host.TaskOfAsync(id);
        using var window = host.Client(OtherShift);
        using var applicant = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "不是我的" })).StatusCode);

        using var bare = await window.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { });
        ProblemAssert.FieldError(await ProblemAssert.IsAsync(bare, HttpStatusCode.BadRequest), "reason");
        using var withdrawn = await window.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "申请人书面申请撤回：公司名称需重新核准" });
        Assert.Equal("withdrawn", (await ProblemAssert.JsonAsync(withdrawn, HttpStatusCode.OK)).GetProperty("status").GetString());

        var line = Assert.Single(await AuditAsync(host, id), e => e.GetProperty("type").GetString() == "ApplicationWithdrawn");
        ActedFor(line, OtherShift);
        Assert.Equal("申请人书面申请撤回：公司名称需重新核准", line.GetProperty("data").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task WindowStaff_FindNoApplicationMadeOnline()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(id);
        using var window = host.Client("gsc-window");

        Assert.Equal(HttpStatusCode.NotFound, (await window.GetAsync($"/api/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SupplementTests.UploadAsync(window, id, "articles", "%PDF-1.4 not a walk-in\n")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await window.PostAsJsonAsync($"/api/applications/{id}/commitments", new { step = "business-licence", accept = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await window.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "试图撤回" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await window.GetAsync($"/window/applications/{id}")).StatusCode);
        Assert.Equal("in-progress", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
    }

    private static MultipartFormDataContent Business()
    {
        var application = BusinessOpening.Application();
        application["applicant"] = WalkIn();
        return BusinessOpening.Multipart(application);
    }

    private static async Task<Guid> TakeInAsync(AllInOneHost host, string route, MultipartFormDataContent submission)
    {
        using var window = host.Client("gsc-window");
        using var response = await window.PostAsync(route, submission);
        return (await ProblemAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("application").GetProperty("id").GetGuid();
    }

    /// <summary>A second member of the window staff, on the shift after the one who took the application in.</summary>
    private static async Task AddOtherShiftAsync(AllInOneHost host)
    {
        using var admin = host.Client("admin");
        using var created = await admin.PostAsJsonAsync("/api/admin/users", new { userName = OtherShift, displayName = "综合窗口晚班", role = "window", password = "Demo#2026-late" });
        await ProblemAssert.JsonAsync(created, HttpStatusCode.Created);
    }

    private static async Task<JsonElement[]> AuditAsync(AllInOneHost host, Guid id) =>
        (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();

    private static void ActedFor(JsonElement line, string staff)
    {
        Assert.Equal(staff, line.GetProperty("actor").GetString());
        Assert.Equal(OnBehalfOf, line.GetProperty("data").GetProperty("onBehalfOf").GetString());
    }
}
