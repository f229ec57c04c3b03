using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 撤回申请: the applicant withdraws an application not yet decided; it ends as withdrawn, every department drops its
/// task, the clocks stop and no timer fires later; one already decided cannot be withdrawn.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WithdrawalTests
{
    [Fact]
    public async Task TheApplicantWithdraws_TheApplicationEndsAsWithdrawn_AndTheDepartmentsQueueDropsTheTask()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = await host.TaskOfAsync(id);
        host.Clock.Advance(TimeSpan.FromMinutes(20));

        // Nobody but the applicant withdraws it: another applicant is told it does not exist, the clerk who sees it is refused.
        using var other = host.Client("lisi");
        await ProblemAssert.IsAsync(await other.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "不是我的" }), HttpStatusCode.NotFound);
        using var clerk = host.Client("samr-clerk");
        await ProblemAssert.IsAsync(await clerk.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { }), HttpStatusCode.Forbidden);
        Assert.Equal("in-progress", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());

        using var citizen = host.Client("zhangsan");
        using var withdrawn = await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "公司名称需要重新核准" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var application = await withdrawn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("withdrawn", application.GetProperty("status").GetString());
        Assert.Equal("申请人撤回申请：公司名称需要重新核准", application.GetProperty("reason").GetString());
        Assert.True(!application.TryGetProperty("onTime", out var onTime) || onTime.ValueKind == JsonValueKind.Null, "a withdrawn application is neither on time nor late");
        Assert.All(application.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("department").GetString() == "SAMR"),
            s => Assert.Equal("cancelled", s.GetProperty("status").GetString()));
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "withdrawn");

        // Asking again answers the same, and changes nothing.
        using var again = await citizen.PostAsync($"/api/applications/{id}/withdrawal", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("withdrawn", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var line = Assert.Single(audit, e => e.GetProperty("type").GetString() == "ApplicationWithdrawn");
        Assert.Equal("zhangsan", line.GetProperty("actor").GetString());
        Assert.Equal("公司名称需要重新核准", line.GetProperty("data").GetProperty("reason").GetString());

        // The clerk's queue no longer holds it; the task says why it ended.
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 0, "the withdrawn task to leave the queue");
        var cancelled = await host.TaskOfAsync(id);
        Assert.Equal(task.GetProperty("id").GetString(), cancelled.GetProperty("id").GetString());
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Contains("申请人撤回申请", cancelled.GetProperty("note").GetString(), StringComparison.Ordinal);

        // The English reader reads it in English; nothing more can be uploaded.
        var english = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}", "en");
        Assert.Contains("The applicant withdrew the application", english.GetProperty("reason").GetString(), StringComparison.Ordinal);
        using var upload = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 late\n"u8.ToArray()), "articles", "articles.pdf" } };
        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsync($"/api/applications/{id}/materials", upload)).StatusCode);
    }

    [Fact]
    public async Task AnApplicationAwaitingMaterials_IsWithdrawn_AndLeavesNothingOpen()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var citizen = host.Client("zhangsan");
        using var created = await citizen.PostAsJsonAsync("/api/applications", BusinessOpening.Application());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var submitted = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("awaiting-materials", submitted.GetProperty("status").GetString());
        var id = submitted.GetProperty("id").GetString();

        using var withdrawn = await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "材料准备不齐" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        var application = await withdrawn.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("withdrawn", application.GetProperty("status").GetString());
        Assert.Equal("申请人撤回申请：材料准备不齐", application.GetProperty("reason").GetString());

        // The materials arriving afterwards start nothing: no department gets a task, no timer waits.
        using var upload = new MultipartFormDataContent();
        foreach (var key in new[] { "articles", "legalRepIdCopy" })
        {
            upload.Add(new ByteArrayContent(BusinessOpening.Pdf), key, key + ".pdf");
        }

        Assert.Equal(HttpStatusCode.Conflict, (await citizen.PostAsync($"/api/applications/{id}/materials", upload)).StatusCode);
        host.Clock.Advance(TimeSpan.FromDays(60));
        await host.FireDueTimersAsync();
        Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM timers"));
        Assert.Equal(0, (await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all")).GetArrayLength());
        var after = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("withdrawn", after.GetProperty("status").GetString());
        Assert.All(after.GetProperty("steps").EnumerateArray(), s => Assert.DoesNotContain(s.GetProperty("status").GetString(), new[] { "dispatched", "received", "claimed", "running" }));
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray();
        Assert.Single(audit, e => e.GetProperty("type").GetString() == "ApplicationWithdrawn");
    }

    [Fact]
    public async Task AnApplicationAlreadyDecided_CannotBeWithdrawn()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.FinishBusinessOpeningAsync();

        using var citizen = host.Client("zhangsan");
        var problem = await ProblemAssert.IsAsync(await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "晚了" }), HttpStatusCode.Conflict);
        Assert.Contains("已办结", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("completed", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AReasonLongerThanAParagraph_IsRefusedByItsField()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();

        using var citizen = host.Client("zhangsan");
        var problem = await ProblemAssert.IsAsync(
            await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = new string('撤', 501) }), HttpStatusCode.BadRequest);
        Assert.Contains("500", ProblemAssert.FieldError(problem, "reason"), StringComparison.Ordinal);
        Assert.Equal("in-progress", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AfterAWithdrawal_ARestartedHost_FiresNoTimerOfIt()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-withdrawal-");
        try
        {
            Guid id;
            int lines;
            await using (var host = await AllInOneHost.StartInAsync(directory))
            {
                id = await host.SubmitBusinessOpeningAsync();
                await host.TaskOfAsync(id);
                Assert.True(await host.ScalarAsync("SELECT COUNT(*) FROM timers") > 0, "a running application waits on timers (its steps' limits, its cards)");
                using var citizen = host.Client("zhangsan");
                (await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason = "不再需要" })).EnsureSuccessStatusCode();
                Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM timers"));
                lines = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                    .Count(e => !e.GetProperty("type").GetString()!.EndsWith("Viewed", StringComparison.Ordinal));
            }

            // A month later, past every limit the application had: nothing of it wakes.
            await using (var host = await AllInOneHost.StartInAsync(directory, AllInOneHost.MondayMorning.AddDays(30)))
            {
                await host.FireDueTimersAsync();
                host.Clock.Advance(TimeSpan.FromDays(30));
                await host.FireDueTimersAsync();
                var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
                Assert.Equal("withdrawn", application.GetProperty("status").GetString());
                // Its clocks stopped at the withdrawal: no card, however late it is now.
                Assert.DoesNotContain(application.GetProperty("warning").GetString(), new[] { "yellow", "red" });
                var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
                Assert.Equal(lines, audit.EnumerateArray().Count(e => !e.GetProperty("type").GetString()!.EndsWith("Viewed", StringComparison.Ordinal)));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
