using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>A supervisor gives a task to another clerk of the department: only a supervisor of that department, only to its clerks, and the engine's audit trail says who moved it to whom.</summary>
[Trait("Category", "Integration")]
public sealed class TaskReassignTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task Supervisor_ReassignsAClaimedTask_TheNewClerkHoldsIt_AndTheAuditTrailSaysWhoMovedIt()
    {
        var applicationId = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(applicationId)).GetProperty("id").GetString();
        using var clerk = Host.Client("samr-clerk");
        using var supervisor = Host.Client("samr-supervisor");
        (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();

        using var byClerk = await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "samr-clerk-2" });
        using var toOtherDepartment = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "psb-clerk" });
        using var byOtherSupervisor = await Host.Client("psb-clerk").PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "samr-clerk-2" });
        using var byAdmin = await Host.Client("admin").PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "samr-clerk-2" });
        using var reassigned = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "samr-clerk-2" });

        Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
        await ProblemAssert.IsAsync(toOtherDepartment, HttpStatusCode.BadRequest);
        Assert.Contains("只能改派给本部门的工作人员", await toOtherDepartment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byOtherSupervisor.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reassigned.StatusCode);
        var task = (await Host.GetJsonAsync("samr-clerk-2", $"/api/tasks/{taskId}")).GetProperty("task");
        Assert.Equal("samr-clerk-2", task.GetProperty("claimedBy").GetString());
        // The clerk who held it no longer may decide it; the new one may.
        Assert.Equal(HttpStatusCode.Conflict, (await clerk.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "approved" })).StatusCode);
        var entry = await AllInOneHost.EventuallyAsync(
            async () => (await Host.GetJsonAsync("admin", $"/api/applications/{applicationId}/audit")).GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "StepReassigned").ToArray(),
            entries => entries.Length == 1,
            "the reassignment in the audit trail");
        Assert.Equal("samr-supervisor", entry[0].GetProperty("actor").GetString());
        Assert.Equal("samr-clerk-2", entry[0].GetProperty("data").GetProperty("claimedBy").GetString());
        var application = await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("admin", $"/api/applications/{applicationId}"),
            a => a.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("claimedBy").GetString() == "samr-clerk-2"),
            "the engine to know the new holder");
        Assert.NotNull(application.GetProperty("id").GetString());
    }
    /// <summary>A disabled clerk cannot sign in to take a task up: a supervisor cannot give them one (the list leaves them out too).</summary>
    [Fact]
    public async Task Supervisor_CannotReassignToADisabledClerk()
    {
        using var admin = Host.Client("admin");
        (await admin.PostAsJsonAsync("/api/admin/users", new { userName = "samr-clerk-gone", displayName = "离职人员", role = "clerk", department = "SAMR" })).EnsureSuccessStatusCode();
        (await admin.PostAsync("/api/admin/users/samr-clerk-gone/disable", null)).EnsureSuccessStatusCode();
        var applicationId = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(applicationId)).GetProperty("id").GetString();
        using var supervisor = Host.Client("samr-supervisor");

        using var refused = await supervisor.PostAsJsonAsync($"/api/tasks/{taskId}/reassign", new { to = "samr-clerk-gone" });

        Assert.Contains("已停用", ProblemAssert.FieldError(await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest), "to"), StringComparison.Ordinal);
        var task = (await Host.GetJsonAsync("samr-supervisor", $"/api/tasks/{taskId}")).GetProperty("task");
        Assert.NotEqual("samr-clerk-gone", task.GetProperty("claimedBy").GetString());
    }

    public static TheoryData<string, string> HostileTargets => new()
    {
        { "null", "{\"to\":null}" },
        { "a number", "{\"to\":42}" },
        { "an array", "{\"to\":[\"samr-clerk-2\"]}" },
        { "blank", "{\"to\":\"   \"}" },
        { "a NUL inside", "{\"to\":\"samr-clerk-2\\u0000\"}" },
        { "right-to-left override", "{\"to\":\"\\u202Esamr-clerk-2\"}" },
        { "zero-width space", "{\"to\":\"samr\\u200B-clerk-2\"}" },
        { "full-width letters", "{\"to\":\"ｓａｍｒ-clerk-2\"}" },
        { "ten thousand characters", "{\"to\":\"" + new string('u', 10_000) + "\"}" },
        { "an SQL fragment", "{\"to\":\"samr-clerk-2' OR '1'='1\"}" },
        { "a lone surrogate", "{\"to\":\"\\ud800\"}" },
    };

    /// <summary>
    /// Whatever a supervisor's script sends as the new holder, the task goes to nobody it did not name exactly: a clear
    /// 400 or 413, never a 5xx, and the clerk who held it still holds it.
    /// </summary>
    [Theory]
    [MemberData(nameof(HostileTargets))]
    public async Task Reassign_ToAHostileName_IsRefused_AndTheHolderKeepsTheTask(string name, string body)
    {
        var applicationId = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(applicationId)).GetProperty("id").GetString();
        using var clerk = Host.Client("samr-clerk");
        using var supervisor = Host.Client("samr-supervisor");
        (await clerk.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();

        using var response = await supervisor.PostAsync(
            $"/api/tasks/{taskId}/reassign", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{name}: {(int)response.StatusCode}");
        await ProblemAssert.IsAsync(response, response.StatusCode);
        var task = (await Host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}")).GetProperty("task");
        Assert.Equal("samr-clerk", task.GetProperty("claimedBy").GetString());
    }
}
