using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A card a <see cref="StepDueChanged"/> lowered (an extension taking back a red the step no longer deserves) took its
/// 暂定 (provisional) mark from the promised due time, also when the card it left was the statutory one: a statutory
/// yellow counted through a year with no holiday arrangement loaded was shown as final, and one counted on a loaded
/// year was shown as provisional because the promised due time was. The change now says which limit its card is
/// against (<see cref="StepDueChanged.CardLimit"/>), and the card is marked as that limit's due time is.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_LoweredCardIsProvisionalAsItsLimit
{
    private static readonly DateTimeOffset FirstDue = Bug_10_ExtendedStepLosesItsRedCard.FirstDue;

    private static readonly DateTimeOffset ExtendedDue = Bug_10_ExtendedStepLosesItsRedCard.ExtendedDue;

    private static readonly ProvisionalDueTime NextYearMissing = new()
    {
        MissingYears = [2027],
        Reason = "暂定：日历 cn-mainland 尚未收录 2027 年的放假安排",
        ReasonEn = "Provisional: calendar cn-mainland has no holiday arrangement loaded for 2027",
    };

    [Theory]
    [InlineData("statutory", true)]
    [InlineData("promised", false)]
    public async Task AYellowLeftByAnExtension_IsProvisionalExactlyWhenTheDueTimeOfItsLimitIs(string cardLimit, bool provisional)
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();
        host.Clock.Advance(FirstDue.AddMinutes(5) - host.Clock.GetUtcNow());
        await processor.RaiseWarningAsync(Bug_10_ExtendedStepLosesItsRedCard.Red(id, FirstDue), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);

        // Extended: the promised due time is final, the statutory one runs into a year not loaded.
        await processor.ChangeDueAsync(new StepDueChanged
        {
            ApplicationId = id,
            StepId = "business-licence",
            Attempt = 1,
            Department = "SAMR",
            Revision = 1000,
            DueAt = ExtendedDue,
            StatutoryDueAt = new DateTimeOffset(2027, 1, 5, 11, 0, 0, TimeSpan.FromHours(8)),
            StatutoryDueProvisional = NextYearMissing,
            Card = "yellow",
            CardLimit = cardLimit,
            ChangedAt = host.Clock.GetUtcNow(),
        }, Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);

        var shown = (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");
        Assert.Equal("yellow", shown.GetProperty("warning").GetString());
        Assert.Equal(provisional, shown.GetProperty("warningProvisional").GetBoolean());
        Assert.Equal(provisional ? NextYearMissing.Reason : null, shown.GetProperty("warningProvisionalReason").GetString());
    }
}
