using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The department's count of the time its clock stood paused was kept but never compared with the engine's, so a host
/// that paused a step the engine never paused (or missed a pause) was listed as agreeing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_PausedTimeIsCompared
{
    private static readonly DateTimeOffset Decided = new(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task AHostThatCountsTwoHoursPaused_ForAStepTheEngineNeverPaused_IsListedAsPausedTimeDiffers()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        host.Clock.Advance(Decided - host.Clock.GetUtcNow());
        await host.SendReportAsync(AllInOneHost.Approval(step, Decided, onTime: true) with
        {
            SentAt = Decided,
            Compliance = new StepComplianceReport
            {
                ReceivedAt = AllInOneHost.MondayMorning,
                CompletedAt = Decided,
                DueAt = step.DueAt,
                WorkingMinutesPaused = 120,
                OnTime = true,
            },
        });

        var list = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/compliance/mismatches?from=2026-03&to=2026-03&kind=paused-time-differs"),
            l => l.GetProperty("total").GetInt32() == 1, "the disagreement listed");
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("applicationId").GetGuid());
        Assert.Equal(["paused-time-differs"], item.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((120, 0), (item.GetProperty("host").GetProperty("workingMinutesPaused").GetInt32(),
            item.GetProperty("engine").GetProperty("workingMinutesPaused").GetInt32()));
    }
}
