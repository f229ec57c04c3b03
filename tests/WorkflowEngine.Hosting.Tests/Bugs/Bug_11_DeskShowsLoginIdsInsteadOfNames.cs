using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The desk named people by their login ids (“（samr-clerk-2 办理）”, “samr-supervisor 改派：samr-clerk → samr-clerk-2”)
/// where a service centre names them as people know them: the holder, the history and the supervisor's choice of whom to
/// give a task to now read the names the user directory keeps, and the task API carries them beside the ids.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_DeskShowsLoginIdsInsteadOfNames(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task ClaimedThenReassigned_TheTaskPageQueueAndApi_NameTheClerksAndTheSupervisor()
    {
        var applicationId = await Host.SubmitBusinessOpeningAsync();
        var listed = await Host.TaskOfAsync(applicationId);
        var taskId = listed.GetProperty("id").GetString();
        var trackingNumber = listed.GetProperty("trackingNumber").GetString();
        using (var clerk = Host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        }

        using var supervisorPage = await PageSignInTests.SignedInBrowserAsync(Host, "samr-supervisor", "Demo#2026");
        var beforeReassign = await Bug_11_DeskTitlesOnlyInChinese.PageAsync(supervisorPage, $"/desk/tasks/{taskId}");
        using (var supervisor = Host.Client("samr-supervisor"))
        {
            (await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "samr-clerk-2" })).EnsureSuccessStatusCode();
        }

        var page = await Bug_11_DeskTitlesOnlyInChinese.PageAsync(supervisorPage, $"/desk/tasks/{taskId}");
        var queue = await Bug_11_DeskTitlesOnlyInChinese.PageAsync(supervisorPage, $"/desk?department=SAMR&status=claimed&q={trackingNumber}");
        var detail = await Host.GetJsonAsync("samr-clerk-2", $"/api/tasks/{taskId}");

        // The holder and the history, by name.
        Assert.Contains("（市场监管窗口二号 办理）", page, StringComparison.Ordinal);
        // A name in the page's sentence is the person's own words, marked Chinese for the English page's readers.
        Assert.Contains("<span class=\"said\" lang=\"zh\">市场监管窗口</span> 认领", page, StringComparison.Ordinal);
        var words = System.Text.RegularExpressions.Regex.Replace(page, "<[^>]+>", "");
        Assert.Contains("市场监管科长 改派：由 市场监管窗口 改由 市场监管窗口二号 办理", words, StringComparison.Ordinal);
        Assert.Contains(" · 市场监管窗口二号", queue, StringComparison.Ordinal);
        foreach (var shown in new[] { page, queue })
        {
            Assert.DoesNotContain(">samr-", shown, StringComparison.Ordinal);
            Assert.DoesNotContain(" samr-clerk", shown, StringComparison.Ordinal);
            Assert.DoesNotContain("samr-supervisor 改派", shown, StringComparison.Ordinal);
        }

        // The supervisor chooses whom to give it to by name; no two of the department share one, so no login id shows.
        Assert.Contains(">市场监管窗口二号</option>", beforeReassign, StringComparison.Ordinal);
        Assert.DoesNotContain("（samr-clerk-2）", beforeReassign, StringComparison.Ordinal);

        // The API keeps the ids and names them beside.
        var task = detail.GetProperty("task");
        Assert.Equal("samr-clerk-2", task.GetProperty("claimedBy").GetString());
        Assert.Equal("市场监管窗口二号", task.GetProperty("claimedByName").GetString());
        var reassigned = detail.GetProperty("history").EnumerateArray().Single(e => e.GetProperty("kind").GetString() == "reassigned");
        Assert.Equal("samr-supervisor", reassigned.GetProperty("actor").GetString());
        Assert.Equal("市场监管科长", reassigned.GetProperty("actorName").GetString());
        Assert.Equal("市场监管窗口 → 市场监管窗口二号", reassigned.GetProperty("detailName").GetString());
        var queued = (await Host.GetJsonAsync("samr-supervisor", $"/api/departments/SAMR/tasks?status=claimed&q={trackingNumber}")).EnumerateArray().Single();
        Assert.Equal("市场监管窗口二号", queued.GetProperty("claimedByName").GetString());

        // The applicant reads which department handles the step, never a clerk's login id; an administrator reads who.
        var seen = await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("admin", $"/api/applications/{applicationId}"),
            a => Licence(a).GetProperty("claimedBy").GetString() == "samr-clerk-2",
            "the engine to know the new holder");
        var applicants = Licence(await Host.GetJsonAsync("zhangsan", $"/api/applications/{applicationId}"));
        Assert.Equal("SAMR", applicants.GetProperty("department").GetString());
        Assert.Equal(JsonValueKind.Null, applicants.GetProperty("claimedBy").ValueKind);
        Assert.Equal("samr-clerk-2", Licence(seen).GetProperty("claimedBy").GetString());

        // The administrator's audit trail names who acted as an audit does: the person, with the account.
        using var adminPage = await PageSignInTests.SignedInBrowserAsync(Host, "admin", "Demo#2026");
        var audit = await Bug_11_DeskTitlesOnlyInChinese.PageAsync(adminPage, $"/admin/applications/{applicationId}/audit");
        Assert.Contains("<td>市场监管科长（samr-supervisor）</td>", audit, StringComparison.Ordinal);
        Assert.Contains("<td>张三（zhangsan）</td>", audit, StringComparison.Ordinal);
    }

    private static JsonElement Licence(JsonElement application) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "business-licence");

    [Fact]
    public async Task TwoClerksWithOneName_TheReassignListTellsThemApartByLoginId()
    {
        using (var admin = Host.Client("admin"))
        {
            (await admin.PostAsJsonAsync("/api/admin/users", new { userName = "samr-wangfang-1", displayName = "王芳", role = "clerk", department = "SAMR" })).EnsureSuccessStatusCode();
            (await admin.PostAsJsonAsync("/api/admin/users", new { userName = "samr-wangfang-2", displayName = "王芳", role = "clerk", department = "SAMR" })).EnsureSuccessStatusCode();
        }

        var applicationId = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(applicationId)).GetProperty("id").GetString();
        using var supervisorPage = await PageSignInTests.SignedInBrowserAsync(Host, "samr-supervisor", "Demo#2026");

        var page = await Bug_11_DeskTitlesOnlyInChinese.PageAsync(supervisorPage, $"/desk/tasks/{taskId}");

        Assert.Contains(">王芳（samr-wangfang-1）</option>", page, StringComparison.Ordinal);
        Assert.Contains(">王芳（samr-wangfang-2）</option>", page, StringComparison.Ordinal);
        Assert.Contains(">市场监管窗口</option>", page, StringComparison.Ordinal);
    }
}
