using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The licence clerk asked for supplementary material (补正); the applicant supplied it, so the step's clock runs again
/// and both its due times move. The engine tells the department with a StepSupplemented and a StepDueChanged of the
/// same clock revision, which may arrive in either order, and a later change of the clock (a year's holidays loaded)
/// may overtake both. Before the fix, StepSupplemented carried no statutory due time, so a department reading it alone
/// kept the old one; and an older StepDueChanged or StepSupplemented arriving after a newer one put back its older
/// statutory and promised due times on the clerk's task.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_StatutoryDueFollowsTheSupplement
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly DateTimeOffset OlderStatutoryDue = new(2026, 3, 6, 17, 30, 0, Cst);

    private static readonly DateTimeOffset NewerStatutoryDue = new(2026, 3, 9, 17, 30, 0, Cst);

    [Fact]
    public async Task TheNewVersions_ArrivingAlone_BringTheStatutoryDueTime_ToTheClerksTask()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var clerk = host.Client("samr-clerk");
        var (id, task) = await AwaitingSupplementAsync(host, clerk);

        await Processor(host).SuppliedAsync(Supplied(host, id, 1000, AllInOneHost.MondayMorning.AddHours(5), NewerStatutoryDue), NewId(), CancellationToken.None);

        var view = await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}");
        Assert.Equal("running", view.GetProperty("task").GetProperty("clock").GetString());
        Assert.Equal(NewerStatutoryDue, view.GetProperty("application").GetProperty("statutoryDueAt").GetDateTimeOffset());
        Assert.Contains("2026-03-09 17:30", await StatutoryDueOnTaskTests.StatutoryDueOnPageAsync(clerk, task), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOlderDueChange_ArrivingAfterANewerOne_DoesNotPutBackItsDueTimes()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        using var clerk = host.Client("samr-clerk");
        var (id, task) = await AwaitingSupplementAsync(host, clerk);
        var olderDue = AllInOneHost.MondayMorning.AddHours(4);
        var newerDue = AllInOneHost.MondayMorning.AddHours(5);

        // Revision 1001 (the clock recounted after a year was loaded) overtakes revision 1000 (the clock running again
        // once everything was supplied), and the new versions come last, with revision 1000's due times.
        var processor = Processor(host);
        await processor.ChangeDueAsync(DueChanged(host, id, 1001, newerDue, NewerStatutoryDue), NewId(), CancellationToken.None);
        await processor.ChangeDueAsync(DueChanged(host, id, 1000, olderDue, OlderStatutoryDue), NewId(), CancellationToken.None);
        await processor.SuppliedAsync(Supplied(host, id, 1000, olderDue, OlderStatutoryDue), NewId(), CancellationToken.None);

        var view = await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}");
        Assert.Equal("running", view.GetProperty("task").GetProperty("clock").GetString());
        Assert.Equal(newerDue, view.GetProperty("task").GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(NewerStatutoryDue, view.GetProperty("application").GetProperty("statutoryDueAt").GetDateTimeOffset());
        var page = await StatutoryDueOnTaskTests.StatutoryDueOnPageAsync(clerk, task);
        Assert.Contains("2026-03-09 17:30", page, StringComparison.Ordinal);
        Assert.DoesNotContain("2026-03-06 17:30", page, StringComparison.Ordinal);

        // The clock runs on the new versions: the clerk decides.
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
    }

    /// <summary>A business opening submitted at 09:00 on Monday; its licence clerk asked for the articles again and the clock stands still.</summary>
    private static async Task<(Guid Id, string Task)> AwaitingSupplementAsync(AllInOneHost host, HttpClient clerk)
    {
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
            new { items = new[] { new { material = "articles", reason = "章程缺页" } } })).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => SupplementTests.TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the request to pause the clock");
        return (id, task);
    }

    private static DepartmentProcessor Processor(AllInOneHost host) => host.Services.GetRequiredService<DepartmentProcessor>();

    private static string NewId() => Guid.NewGuid().ToString("N");

    private static StepDueChanged DueChanged(AllInOneHost host, Guid id, int revision, DateTimeOffset dueAt, DateTimeOffset statutoryDueAt) => new()
    {
        ApplicationId = id,
        StepId = "business-licence",
        Attempt = 1,
        Department = "SAMR",
        Revision = revision,
        DueAt = dueAt,
        StatutoryDueAt = statutoryDueAt,
        ChangedAt = host.Clock.GetUtcNow(),
    };

    private static StepSupplemented Supplied(AllInOneHost host, Guid id, int revision, DateTimeOffset dueAt, DateTimeOffset statutoryDueAt) => new()
    {
        ApplicationId = id,
        StepId = "business-licence",
        Attempt = 1,
        Department = "SAMR",
        RequestId = Guid.NewGuid(),
        Materials = [],
        SuppliedAt = host.Clock.GetUtcNow(),
        DueRevision = revision,
        DueAt = dueAt,
        StatutoryDueAt = statutoryDueAt,
    };
}
