using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The licence step turned red just before the engine heard of an extension approved in time; the engine moved its due
/// time to the next day (a StepDueChanged). The department host kept the red card on the clerk's task for a step no
/// longer late, and when the step ran late again, it dropped the engine's new red: the task was red already, so the
/// supervisors got no notice. A red of the old due time arriving late must not paint the task red again either.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_ExtendedStepLosesItsRedCard
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    internal static readonly DateTimeOffset FirstDue = new(2026, 3, 2, 11, 0, 0, Cst);

    internal static readonly DateTimeOffset ExtendedDue = new(2026, 3, 3, 11, 0, 0, Cst);

    [Fact]
    public async Task AMovedDueTime_TakesBackTheRed_AndTheNextRedIsShownAndToldOnce()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();

        await processor.RaiseWarningAsync(Red(id, FirstDue), NewId(), CancellationToken.None);
        Assert.Equal("red", await WarningAsync(host, task));

        // The extension reached the engine: due at 11:00 tomorrow, so no longer late.
        await host.AnnounceLicenceDueAsync(id, ExtendedDue);
        Assert.Equal("none", await WarningAsync(host, task));

        // The first red, delivered again under another id (or late), is stale: the task stays as it is.
        await processor.RaiseWarningAsync(Red(id, FirstDue), NewId(), CancellationToken.None);
        Assert.Equal("none", await WarningAsync(host, task));
        Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray());

        // Late again: the red of the new due time is shown and told, once however often it is delivered.
        var messageId = NewId();
        await processor.RaiseWarningAsync(Red(id, ExtendedDue), messageId, CancellationToken.None);
        await processor.RaiseWarningAsync(Red(id, ExtendedDue), messageId, CancellationToken.None);
        Assert.Equal("red", await WarningAsync(host, task));
        var notices = (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray().ToList();
        // Both notices came at the same instant of the test's clock: which is listed first is not the point.
        Assert.Equal([FirstDue, ExtendedDue], notices.Select(n => n.GetProperty("dueAt").GetDateTimeOffset()).Order());
    }

    internal static StepWarningRaised Red(Guid id, DateTimeOffset dueAt) => new()
    {
        ApplicationId = id,
        StepId = "business-licence",
        Attempt = 1,
        Department = "SAMR",
        Level = "red",
        Limit = "promised",
        DueAt = dueAt,
        RaisedAt = dueAt,
    };

    internal static async Task<string?> WarningAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task").GetProperty("warning").GetString();

    internal static string NewId() => Guid.NewGuid().ToString("N");
}
