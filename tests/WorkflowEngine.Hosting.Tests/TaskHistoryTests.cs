using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A task's page lists everything done to it, in order, with who and when: not only its last claim but the release
/// before it and the supervisor's reassignment, on the all-in-one host and on a department host, which reads the
/// history from its own task database (it has no engine database to read).
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class TaskHistoryTests(HostFixture allInOne, DepartmentHostFixture department)
    : IClassFixture<HostFixture>, IClassFixture<DepartmentHostFixture>
{
    [Fact]
    public async Task TheTaskPage_OnTheAllInOneHost_ListsEveryClaimReleaseReassignmentExclusionAndTheDecision_InOrder()
    {
        var host = allInOne.Host;
        var applicationId = await host.SubmitBusinessOpeningAsync();
        var taskId = (await host.TaskOfAsync(applicationId)).GetProperty("id").GetString()!;
        await ClaimReleaseClaimAndReassignAsync(host, taskId);
        using var newClerk = host.Client("samr-clerk-2");
        (await newClerk.PostAsJsonAsync($"/api/tasks/{taskId}/exclusions", new { kind = "expert-review", reason = "名称争议提交专家评审" })).EnsureSuccessStatusCode();
        (await newClerk.PostAsync($"/api/tasks/{taskId}/exclusions/end", null)).EnsureSuccessStatusCode();
        (await newClerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();

        var history = await HistoryAsync(host, taskId);

        Assert.Equal(
            [
                "派发到本部门",
                "市场监管窗口 认领",
                "市场监管窗口 退回部门队列",
                "市场监管窗口 认领",
                "市场监管科长 改派：由 市场监管窗口 改由 市场监管窗口二号 办理",
                "市场监管窗口二号 登记不计时期间（专家评审）：名称争议提交专家评审",
                "市场监管窗口二号 结束不计时期间",
                "市场监管窗口二号 办结：通过",
            ],
            history);
    }

    [Fact]
    public async Task TheTaskPage_OnADepartmentHost_ListsTheReleaseAndTheReassignment_FromItsOwnDatabase()
    {
        var host = department.Host;
        var task = await DispatchedOnTheDepartmentHostAsync(host, "YB-HISTORY");

        await ClaimReleaseClaimAndReassignAsync(host, task.Id.ToString());
        var history = await HistoryAsync(host, task.Id.ToString());

        Assert.Equal(
            ["派发到本部门", "市场监管窗口 认领", "市场监管窗口 退回部门队列", "市场监管窗口 认领", "市场监管科长 改派：由 市场监管窗口 改由 市场监管窗口二号 办理"],
            history);
    }

    [Fact]
    public async Task TheTaskApi_OnTheAllInOneHost_AnswersTheSameHistory_WithWhoWhenAndWhat()
    {
        var host = allInOne.Host;
        var applicationId = await host.SubmitBusinessOpeningAsync();
        var taskId = (await host.TaskOfAsync(applicationId)).GetProperty("id").GetString()!;
        await ClaimReleaseClaimAndReassignAsync(host, taskId);
        using var newClerk = host.Client("samr-clerk-2");
        using var supervisor = host.Client("samr-supervisor");
        (await newClerk.PostAsJsonAsync($"/api/tasks/{taskId}/exclusions", new { kind = "expert-review", reason = "名称争议提交专家评审" })).EnsureSuccessStatusCode();
        (await newClerk.PostAsync($"/api/tasks/{taskId}/exclusions/end", null)).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        using var asked = await newClerk.PostAsJsonAsync($"/api/tasks/{taskId}/extensions", new { workingDays = 1, reason = "经营场所需实地核查" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await supervisor.PostAsJsonAsync($"/api/extensions/{extension}/approve", new { reason = "同意" })).EnsureSuccessStatusCode();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await newClerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "rejected", reason = "名称与在先登记的企业名称近似" })).EnsureSuccessStatusCode();

        var history = (await host.GetJsonAsync("samr-clerk-2", $"/api/tasks/{taskId}")).GetProperty("history").EnumerateArray().ToArray();

        Assert.Equal(
            [
                "dispatched|||",
                "claimed|samr-clerk||",
                "released|samr-clerk|samr-clerk|",
                "claimed|samr-clerk||",
                "reassigned|samr-supervisor|samr-clerk → samr-clerk-2|",
                "exclusion-started|samr-clerk-2|expert-review|名称争议提交专家评审",
                "exclusion-ended|samr-clerk-2||",
                "extension-requested|samr-clerk-2|1 个工作日|经营场所需实地核查",
                "extension-decided|samr-supervisor|approved|同意",
                "decided|samr-clerk-2|rejected|名称与在先登记的企业名称近似",
            ],
            history.Select(Line));
        // Times as a clerk in Shanghai reads them, oldest first.
        var times = history.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToArray();
        Assert.All(times, t => Assert.Equal(TimeSpan.FromHours(8), t.Offset));
        Assert.Equal(times.Order(), times);
    }

    [Fact]
    public async Task TheTaskApi_OnADepartmentHost_AnswersTheHistory_FromItsOwnDatabase()
    {
        var host = department.Host;
        var task = await DispatchedOnTheDepartmentHostAsync(host, "YB-HISTORY-API");

        await ClaimReleaseClaimAndReassignAsync(host, task.Id.ToString());
        var history = (await host.GetJsonAsync("samr-supervisor", $"/api/tasks/{task.Id}")).GetProperty("history").EnumerateArray();

        Assert.Equal(
            ["dispatched|||", "claimed|samr-clerk||", "released|samr-clerk|samr-clerk|", "claimed|samr-clerk||", "reassigned|samr-supervisor|samr-clerk → samr-clerk-2|"],
            history.Select(Line));
        // Named from the department host's own user directory.
        Assert.Equal(
            ["|", "市场监管窗口|", "市场监管窗口|市场监管窗口", "市场监管窗口|", "市场监管科长|市场监管窗口 → 市场监管窗口二号"],
            history.Select(e => $"{e.GetProperty("actorName").GetString()}|{e.GetProperty("detailName").GetString()}"));
    }

    /// <summary>
    /// The applicant corrects two answers while the licence (decided) and the seal (open) are at the department: each
    /// task's history gets one line naming the fields by their labels, in the page's language, however often the
    /// engine's word of it comes (again under its id, or re-sent under another); a task sent after it gets none.
    /// </summary>
    [Fact]
    public async Task ACorrectionOfTheForm_IsOneLineOfEachTasksHistory_EvenWhenItsMessageComesTwice()
    {
        var host = department.Host;
        var applicationId = Guid.NewGuid();
        var labels = """
            {"formLabels":[{"key":"registeredCapital","label":"注册资本","labelEn":"Registered capital"},
            {"key":"businessAddress","label":"住所","labelEn":"Registered address"}]}
            """;
        var licence = await DispatchedOnTheDepartmentHostAsync(host, "YB-HISTORY-FORM", applicationId, labels);
        var seal = await DispatchedOnTheDepartmentHostAsync(host, "YB-HISTORY-FORM", applicationId, labels, "seal", "PSB");
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{licence.Id}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{licence.Id}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var corrected = new ApplicationFormCorrected
        {
            ApplicationId = applicationId, Department = "SAMR", TrackingNumber = "YB-HISTORY-FORM", FormRevision = 1,
            Form = JsonSerializer.SerializeToElement(new { businessAddress = "福建省福州市鼓楼区五四路8号", registeredCapital = 200 }),
            Corrections =
            [
                new FormCorrection { Key = "businessAddress", Old = JsonSerializer.SerializeToElement("福建省福州市鼓楼区五四路1号"), New = JsonSerializer.SerializeToElement("福建省福州市鼓楼区五四路8号") },
                new FormCorrection { Key = "registeredCapital", Old = JsonSerializer.SerializeToElement(100), New = JsonSerializer.SerializeToElement(200) },
            ],
            CorrectedAt = host.Clock.GetUtcNow(),
        };
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();
        var messageId = Guid.NewGuid().ToString();
        foreach (var (message, id) in new[] { (corrected, messageId), (corrected, messageId), (corrected with { Department = "PSB" }, Guid.NewGuid().ToString()) })
        {
            await processor.FormCorrectedAsync(message, id, CancellationToken.None);
        }

        host.Clock.Advance(TimeSpan.FromMinutes(5));
        var later = await DispatchedOnTheDepartmentHostAsync(host, "YB-HISTORY-FORM", applicationId, labels, "tax", "PSB");

        Assert.Equal(
            ["派发到本部门", "市场监管窗口 认领", "市场监管窗口 办结：通过", "申请人更正了申请表：住所、注册资本"],
            await HistoryAsync(host, licence.Id.ToString()));
        Assert.Equal(["派发到本部门", "申请人更正了申请表：住所、注册资本"], await HistoryAsync(host, seal.Id.ToString(), "psb-supervisor"));
        Assert.Equal(
            ["Sent to the department", "The applicant corrected the application form: Registered address, Registered capital"],
            await HistoryAsync(host, seal.Id.ToString(), "psb-supervisor", english: true));
        Assert.Equal(["派发到本部门"], await HistoryAsync(host, later.Id.ToString(), "psb-supervisor"));
        var history = (await host.GetJsonAsync("psb-supervisor", $"/api/tasks/{seal.Id}")).GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(["dispatched|||", "form-corrected||businessAddress,registeredCapital|"], history.Select(Line));
        Assert.Equal(corrected.CorrectedAt, history[1].GetProperty("at").GetDateTimeOffset());
    }

    /// <summary>A task as it lands on the department host's own database, dispatched now: the licence, unless told otherwise.</summary>
    private static async Task<TaskRecord> DispatchedOnTheDepartmentHostAsync(
        AllInOneHost host, string trackingNumber, Guid? applicationId = null, string payload = "{}", string step = "licence", string department = "SAMR")
    {
        var now = host.Clock.GetUtcNow();
        var task = new TaskRecord
        {
            Id = Guid.NewGuid(), ApplicationId = applicationId ?? Guid.NewGuid(), TrackingNumber = trackingNumber, ServiceId = "business-opening", ServiceTitle = "企业开办",
            StepId = step, Attempt = 1, Department = department, Title = "营业执照", Status = TaskStatuses.Open,
            DispatchedAt = now, DueAt = now.AddDays(1), ReceivedAt = now, PayloadJson = payload,
        };
        var changes = new DepartmentChanges();
        changes.Inserted.Add(task);
        await new SqlDepartmentStore(host.Services.GetRequiredService<Database>()).SaveAsync(changes, now, CancellationToken.None);
        return task;
    }

    /// <summary>An entry of the API's history as "kind|actor|detail|reason".</summary>
    private static string Line(JsonElement e) => string.Join("|", new[] { "kind", "actor", "detail", "reason" }.Select(p => e.GetProperty(p).GetString() ?? ""));

    private static async Task ClaimReleaseClaimAndReassignAsync(AllInOneHost host, string taskId)
    {
        using var clerk = host.Client("samr-clerk");
        using var supervisor = host.Client("samr-supervisor");
        (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsync($"/api/tasks/{taskId}/release", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        (await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "samr-clerk-2" })).EnsureSuccessStatusCode();
    }

    /// <summary>The lines of the task page's history, without their times.</summary>
    private static async Task<string[]> HistoryAsync(AllInOneHost host, string taskId, string user = "samr-supervisor", bool english = false)
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, user, "Demo#2026");
        if (english)
        {
            await Bugs.Bug_11_CorrectedAnswerReachesOtherDepartments.ToEnglishAsync(browser);
        }

        using var page = await browser.GetAsync($"/desk/tasks/{taskId}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        var list = HistoryList().Match(html).Groups[1].Value;
        return [.. Item().Matches(list).Select(m => Tags().Replace(m.Groups[1].Value, "").Split(" · ", 2)[1].Trim())];
    }

    [GeneratedRegex("<ol class=\"desk-history\" id=\"history\">(.*?)</ol>", RegexOptions.Singleline)]
    private static partial Regex HistoryList();

    [GeneratedRegex("<li>(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex Item();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
