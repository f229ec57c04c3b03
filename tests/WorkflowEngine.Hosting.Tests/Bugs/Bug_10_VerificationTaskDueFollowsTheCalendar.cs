using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A commitment signed on 30 September 2026 is verified sixty working days later: the verification task reaches the
/// archives office at the close of 29 December, due five working days on, counted while 2027 was not yet announced
/// (1 January a Friday like any other: due 5 January). Loading 2027's holidays (元旦 on 1 January) must move that due
/// time at the engine and at the department, and list it among what moved. Before the fix the task kept 5 January.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_VerificationTaskDueFollowsTheCalendar
{
    private static readonly DateTimeOffset September30 = new(2026, 9, 30, 9, 0, 0, CommitmentFlow.Cst);

    [Fact]
    public async Task LoadingNextYearsHolidays_MovesTheDueTimeOfAVerificationTaskAlreadyAtItsDepartment()
    {
        await using var host = await AllInOneHost.StartAsync(September30);
        var id = await CommitmentFlow.SubmitAsync(host);
        var verifyAt = await CommitmentFlow.SignAsync(host, id);
        await CommitmentFlow.CompleteOtherStepsAsync(host, id, new DateOnly(2026, 9, 30));
        Assert.Equal(new DateTimeOffset(2026, 12, 29, 17, 30, 0, CommitmentFlow.Cst), verifyAt);
        var task = await CommitmentFlow.VerificationTaskAsync(host, verifyAt);
        var before = new DateTimeOffset(2027, 1, 5, 17, 30, 0, CommitmentFlow.Cst);
        Assert.Equal(before, (await TaskAsync(host, task)).GetProperty("dueAt").GetDateTimeOffset());

        using var admin = host.Client("admin");
        using var loaded = await admin.PostAsync("/api/calendars/cn-mainland/years", CalendarYearTests.Yaml(CalendarYearTests.Year2027));
        loaded.EnsureSuccessStatusCode();

        var after = new DateTimeOffset(2027, 1, 6, 17, 30, 0, CommitmentFlow.Cst);
        var moved = Assert.Single((await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray(),
            m => m.GetProperty("applicationId").GetGuid() == id && m.GetProperty("kind").GetString() == "verification");
        Assert.Equal((CommitmentFlow.Archives, before, after), (moved.GetProperty("stepId").GetString(),
            moved.GetProperty("before").GetDateTimeOffset(), moved.GetProperty("after").GetDateTimeOffset()));
        await AllInOneHost.EventuallyAsync(
            () => TaskAsync(host, task), t => t.GetProperty("dueAt").GetDateTimeOffset() == after, "the verification task's new due time at the archives office");
        var queued = Assert.Single((await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open")).EnumerateArray());
        Assert.Equal(after, queued.GetProperty("dueAt").GetDateTimeOffset());
    }

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("task");
}
