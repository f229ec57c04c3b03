using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// <see cref="StepDueChanged.Card"/> set the task's card outright. A change that read red (a recount moving the due time
/// into the past) painted the task red, and the engine's own red that followed found it red and told no supervisor. A
/// change counted before the step ran late again, delivered after the new red, took that red back for good. And a
/// step supervised at its yellow card was supervised — and its supervisors told — again at its red for the same due time.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_DueChangeCardOnlyTakesBack
{
    private static readonly DateTimeOffset FirstDue = Bug_10_ExtendedStepLosesItsRedCard.FirstDue;

    private static readonly DateTimeOffset ExtendedDue = Bug_10_ExtendedStepLosesItsRedCard.ExtendedDue;

    [Fact]
    public async Task ARedReadWithADueChange_LeavesTheRedToTheEnginesWarning_WhichTellsTheSupervisors()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (id, task) = await LicenceTaskAsync(host);
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();
        host.Clock.Advance(FirstDue.AddMinutes(5) - host.Clock.GetUtcNow());

        await processor.ChangeDueAsync(Change(id, 1000, FirstDue, "red"), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);
        Assert.Equal("none", await Bug_10_ExtendedStepLosesItsRedCard.WarningAsync(host, task));

        await processor.RaiseWarningAsync(Bug_10_ExtendedStepLosesItsRedCard.Red(id, FirstDue), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);
        Assert.Equal("red", await Bug_10_ExtendedStepLosesItsRedCard.WarningAsync(host, task));
        Assert.Single(await NoticesAsync(host, "red"));
    }

    [Fact]
    public async Task AChangeCountedBeforeTheStepRanLateAgain_DeliveredAfterItsRed_DoesNotTakeTheRedBack()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (id, task) = await LicenceTaskAsync(host);
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();
        await processor.ChangeDueAsync(Change(id, 1000, ExtendedDue, "none"), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);
        var countedAt = host.Clock.GetUtcNow();
        host.Clock.Advance(ExtendedDue.AddMinutes(5) - countedAt);
        await processor.RaiseWarningAsync(Bug_10_ExtendedStepLosesItsRedCard.Red(id, ExtendedDue), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);

        // A recount of the same due time, read before it passed and delivered now.
        await processor.ChangeDueAsync(Change(id, 1001, ExtendedDue, "none") with { ChangedAt = countedAt }, Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);

        Assert.Equal("red", await Bug_10_ExtendedStepLosesItsRedCard.WarningAsync(host, task));
    }

    [Fact]
    public async Task SupervisedAtItsYellow_TheStepIsNotToldAgainAtItsRed_ButIsForALaterDueTime()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (id, _) = await LicenceTaskAsync(host);
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();

        host.Clock.Advance(TimeSpan.FromMinutes(90));
        await processor.EscalateAsync(Escalated(id, 1, "yellow", FirstDue), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);
        host.Clock.Advance(FirstDue.AddMinutes(5) - host.Clock.GetUtcNow());
        await processor.EscalateAsync(Escalated(id, 2, "red", FirstDue), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);
        Assert.Single(await NoticesAsync(host, "escalated"));

        // Extended, and late again: supervised anew.
        host.Clock.Advance(ExtendedDue.AddMinutes(5) - host.Clock.GetUtcNow());
        await processor.EscalateAsync(Escalated(id, 2, "red", ExtendedDue), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);
        Assert.Equal(2, (await NoticesAsync(host, "escalated")).Count);
    }

    private static async Task<(Guid Id, string Task)> LicenceTaskAsync(AllInOneHost host)
    {
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        return (id, task);
    }

    private static StepDueChanged Change(Guid id, int revision, DateTimeOffset dueAt, string card) => new()
    {
        ApplicationId = id,
        StepId = "business-licence",
        Attempt = 1,
        Department = "SAMR",
        Revision = revision,
        DueAt = dueAt,
        ChangedAt = dueAt.AddHours(-1),
        Card = card,
    };

    private static StepEscalated Escalated(Guid id, int rule, string card, DateTimeOffset dueAt) => new()
    {
        ApplicationId = id,
        StepId = "business-licence",
        Attempt = 1,
        Department = "SAMR",
        Clock = "business-licence",
        Rule = rule,
        Card = card,
        Supervise = true,
        Reason = card == "red" ? "红牌（超过办理时限）" : "黄牌（临近办理时限）",
        DueAt = dueAt,
        EscalatedAt = dueAt,
    };

    private static async Task<List<System.Text.Json.JsonElement>> NoticesAsync(AllInOneHost host, string kind) =>
        [.. (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray().Where(n => n.GetProperty("kind").GetString() == kind)];
}
