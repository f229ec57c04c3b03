using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 再次补正: the law wants every item told at once, so a second supplement request is the exception — the clerk asks a
/// supervisor of the department, says why the items were not in the first, and only an approval reaches the applicant,
/// recorded on the clock and in the trail with the approver.
/// </summary>
[Trait("Category", "Integration")]
public sealed class SupplementApprovalTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly object SecondRequest = new
    {
        items = new[] { new { material = "legalRepIdCopy", reason = "身份证复印件已过有效期，请提交有效期内的证件" } },
        note = "请一并提交原件扫描件",
        reason = "核对原件时才发现证件已过期，首次补正时未能发现",
    };

    [Fact]
    public async Task ASecondRequest_WithoutApproval_IsRefused_ByTheDepartmentAndByTheEngine()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await AnsweredFirstRequestAsync(host, id);
        using var clerk = host.Client("samr-clerk");

        // The clerk's plain request is refused, pointing to the supervisor.
        using var again = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "legalRepIdCopy", reason = "证件已过期" } } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("须申请本部门负责人批准", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A department system that sends one anyway, without an approval, is refused by the engine and audited.
        var engine = host.Services.GetRequiredService<EngineProcessor>();
        await engine.ApplyAsync(
            id,
            new StepSupplementRequestedEvent("business-licence", 1, Guid.NewGuid(), [new SupplementRequestItem("legalRepIdCopy", "证件已过期")], null, "samr-clerk", host.Clock.GetUtcNow())
            {
                Department = "SAMR",
            },
            "test:unapproved-second-request",
            CancellationToken.None);
        var ignored = Assert.Single(await TrailAsync(host, id, "SupplementIgnored"));
        Assert.Contains("须经部门负责人批准", ignored.GetProperty("data").GetProperty("reason").GetString(), StringComparison.Ordinal);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
    }

    [Fact]
    public async Task ARefusedRequest_ReachesNobody_AndTheClerkReadsWhy()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await AnsweredFirstRequestAsync(host, id);
        var approval = await AskAsync(host, task);
        using var supervisor = host.Client("samr-supervisor");

        // A refusal must say why.
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals/{approval}/refuse", new { })).StatusCode);
        using var refused = await supervisor.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals/{approval}/refuse", new { reason = "证件有效期可通过数据共享核验，无须申请人再次提交" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals/{approval}/approve", new { })).StatusCode);

        // The clerk reads the refusal on the task; nothing waits any more.
        var shown = Assert.Single((await SupplementTests.TaskAsync(host, task)).GetProperty("supplementApprovals").EnumerateArray());
        Assert.Equal("refused", shown.GetProperty("status").GetString());
        Assert.Equal("samr-supervisor", shown.GetProperty("decidedBy").GetString());
        Assert.Equal(("市场监管窗口", "市场监管科长"), (shown.GetProperty("requestedByName").GetString(), shown.GetProperty("decidedByName").GetString()));
        Assert.Contains("数据共享核验", shown.GetProperty("decision").GetString(), StringComparison.Ordinal);
        Assert.Empty((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/supplement-approvals")).EnumerateArray());

        // Nothing reached the engine or the applicant.
        await Task.Delay(300);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.Single(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "supplement-requested");
        Assert.Single(await TrailAsync(host, id, "SupplementRequested"));
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
    }

    [Fact]
    public async Task AnApprovedRequest_WaitingAcrossARestart_ReachesTheApplicant_StopsTheClock_AndNamesTheApprover()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-supplement-approval-");
        try
        {
            Guid id;
            string task;
            await using (var host = await AllInOneHost.StartInAsync(directory))
            {
                id = await host.SubmitBusinessOpeningAsync();
                task = await AnsweredFirstRequestAsync(host, id);
                await AskAsync(host, task);
            }

            // The host restarts at 10:30: the request still waits, in the supervisor's list and on the task.
            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst)))
            {
                var waiting = Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/supplement-approvals")).EnumerateArray());
                Assert.Equal(task, waiting.GetProperty("id").GetString());
                var pending = Assert.Single(waiting.GetProperty("supplementApprovals").EnumerateArray());
                Assert.Equal("pending", pending.GetProperty("status").GetString());
                Assert.Equal("市场监管窗口", pending.GetProperty("requestedByName").GetString());
                Assert.Contains(await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices") is var notices ? notices.EnumerateArray() : default,
                    n => n.GetProperty("kind").GetString() == "supplement" && n.GetProperty("message").GetString()!.Contains("第 2 次补正", StringComparison.Ordinal));

                using var supervisor = host.Client("samr-supervisor");
                using var approved = await supervisor.PostAsJsonAsync(
                    $"/api/tasks/{task}/supplements/approvals/{pending.GetProperty("id").GetString()}/approve", new { reason = "同意，请一次告知" });
                Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
                var decided = await approved.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal("approved", decided.GetProperty("status").GetString());
                Assert.Equal("市场监管科长", decided.GetProperty("decidedByName").GetString());

                // The applicant reads the second request, merged with any other open one, and the licence clock stands still.
                var application = await AllInOneHost.EventuallyAsync(
                    () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
                    a => a.GetProperty("supplements").GetArrayLength() == 1,
                    "the approved request on the application");
                var supplement = application.GetProperty("supplements")[0];
                Assert.Equal(["legalRepIdCopy"], supplement.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("material").GetString()));
                Assert.Equal("paused", SupplementTests.Licence(application).GetProperty("clock").GetString());
                Assert.Contains(application.GetProperty("notifications").EnumerateArray(),
                    n => n.GetProperty("kind").GetString() == "supplement-requested" && n.GetProperty("message").GetString()!.Contains("再次补正", StringComparison.Ordinal));

                // The clock's explanation says who allowed it and why; the trail names the approver.
                var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
                var paused = clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "business-licence").GetProperty("paused");
                Assert.Equal("supplement-requested", paused.GetProperty("reason").GetString());
                Assert.Contains("经部门负责人批准", paused.GetProperty("text").GetString(), StringComparison.Ordinal);
                Assert.Contains("首次补正时未能发现", paused.GetProperty("text").GetString(), StringComparison.Ordinal);
                var requested = await TrailAsync(host, id, "SupplementRequested");
                Assert.Equal(2, requested.Length);
                Assert.Equal("samr-supervisor", requested[1].GetProperty("data").GetProperty("approvedBy").GetString());
                Assert.Equal("samr-clerk", requested[1].GetProperty("actor").GetString());

                // The clerk's task waits for the applicant again; a third request is past the definition's two.
                await AllInOneHost.EventuallyAsync(
                    () => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the clerk's task to stand still");
                Assert.Equal(2, (await SupplementTests.TaskAsync(host, task)).GetProperty("supplementRequests").GetInt32());
                using var citizen = host.Client("zhangsan");
                Assert.Equal(HttpStatusCode.OK, (await SupplementTests.UploadAsync(citizen, id, "legalRepIdCopy", "%PDF-1.4 a valid id\n")).StatusCode);
                await AllInOneHost.EventuallyAsync(
                    () => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "running", "the clerk's task to run again");
                using var clerk = host.Client("samr-clerk");
                using var third = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals", SecondRequest);
                Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
                Assert.Contains("最多可提出 2 次补正", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task NobodyApprovesTheirOwnRequest_AndAnAdministratorDecidesNone()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await AnsweredFirstRequestAsync(host, id);
        var approval = await AskAsync(host, task);
        var approve = $"/api/tasks/{task}/supplements/approvals/{approval}/approve";

        using var clerk = host.Client("samr-clerk");
        using var own = await clerk.PostAsJsonAsync(approve, new { });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("application/problem+json", own.Content.Headers.ContentType?.MediaType);
        using var admin = host.Client("admin");
        using var administrator = await admin.PostAsJsonAsync(approve, new { });
        Assert.Equal(HttpStatusCode.Forbidden, administrator.StatusCode);
        Assert.Contains("职责分离", await administrator.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another department's clerk does not even see it.
        using var other = host.Client("psb-clerk");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(approve, new { })).StatusCode);

        // The supervisor refuses; then takes the task over and asks: their own request waits for another supervisor.
        using var supervisor = host.Client("samr-supervisor");
        (await supervisor.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals/{approval}/refuse", new { reason = "不必再次补正" })).EnsureSuccessStatusCode();
        (await supervisor.PostAsync($"/api/tasks/{task}/release", null)).EnsureSuccessStatusCode();
        (await supervisor.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await supervisor.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals", SecondRequest);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var ownId = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var self = await supervisor.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals/{ownId}/approve", new { });
        Assert.Equal(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.Contains("不能审批本人提出的补正申请", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", (await SupplementTests.TaskAsync(host, task)).GetProperty("supplementApprovals")[1].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("{\"items\": ")]
    [InlineData("[1, 2]")]
    [InlineData("{\"items\": \"legalRepIdCopy\", \"reason\": 7}")]
    [InlineData("{\"items\": [{\"material\": \"legalRepIdCopy\", \"reason\": \"过期\"}]}")]
    [InlineData("{\"items\": [{\"material\": \"../../etc/passwd\", \"reason\": \"<script>alert(1)</script>\"}], \"reason\": \"x\"}")]
    [InlineData("{\"items\": [], \"reason\": \"漏项\"}")]
    public async Task AMalformedOrHostileBody_IsA400Problem_AndNothingIsRecorded(string body)
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await AnsweredFirstRequestAsync(host, id);
        using var clerk = host.Client("samr-clerk");

        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await clerk.PostAsync($"/api/tasks/{task}/supplements/approvals", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("errors", out _));
        Assert.Empty((await SupplementTests.TaskAsync(host, task)).GetProperty("supplementApprovals").EnumerateArray());
    }

    /// <summary>
    /// The SAMR clerk asks for the articles at 09:30; the applicant uploads them at 10:00; the clerk's task runs again.
    /// Returns the task's id.
    /// </summary>
    internal static async Task<string> AnsweredFirstRequestAsync(AllInOneHost host, Guid id)
    {
        var task = await SupplementTests.AskForArticlesAsync(host);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the first request");
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        using var citizen = host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.OK, (await SupplementTests.UploadAsync(citizen, id, "articles", "%PDF-1.4 corrected articles\n")).StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => SupplementTests.TaskAsync(host, task),
            t => t.GetProperty("clock").GetString() == "running" && t.GetProperty("supplement").GetProperty("suppliedAt").ValueKind != JsonValueKind.Null,
            "the clerk's task to run again");
        return task;
    }

    /// <summary>At 10:15 the clerk asks a supervisor to allow a second request for the ID copy; returns the approval's id.</summary>
    internal static async Task<string> AskAsync(AllInOneHost host, string task)
    {
        host.Clock.Advance(TimeSpan.FromMinutes(15));
        using var clerk = host.Client("samr-clerk");
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals", SecondRequest);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var approval = await asked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("pending", approval.GetProperty("status").GetString());
        Assert.Equal("samr-clerk", approval.GetProperty("requestedBy").GetString());
        Assert.Equal("市场监管窗口", approval.GetProperty("requestedByName").GetString());

        // Nothing reaches the applicant while it waits, and the clerk may not ask twice.
        using var twice = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals", SecondRequest);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        return approval.GetProperty("id").GetString()!;
    }

    internal static async Task<JsonElement[]> TrailAsync(AllInOneHost host, Guid id, string type) =>
        (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == type).ToArray();
}
