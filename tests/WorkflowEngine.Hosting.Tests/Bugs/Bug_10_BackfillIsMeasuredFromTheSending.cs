using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A decision is back-filled when the department's system claims a completion long before it sent the report. Before the
/// fix the engine measured from when it read the report, so an honest report that waited out the engine's downtime (or
/// a backed-up queue) was listed as back-filled. The report now says when it was sent (<c>StepCompleted.sentAt</c>).
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_BackfillIsMeasuredFromTheSending
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Decided = new(2026, 3, 2, 9, 30, 0, Cst);

    [Fact]
    public async Task AReportSentAtItsDecision_ReadAfterTheEngineWasDownThreeHours_IsNotBackfilled()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        // Decided and sent at 09:30; the engine is down until 12:30 and reads it then.
        host.Clock.Advance(Decided.AddHours(3) - host.Clock.GetUtcNow());
        await host.SendReportAsync(Report(step, sentAt: Decided));

        var licence = await ReportedAsync(host, id, step.StepId);

        Assert.Empty(licence.GetProperty("kinds").EnumerateArray());
        Assert.Equal((Decided, Decided.AddHours(3)), (licence.GetProperty("sentAt").GetDateTimeOffset(), licence.GetProperty("reportedAt").GetDateTimeOffset()));
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/compliance/mismatches?from=2026-03&to=2026-03")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AReportSentThreeHoursAfterTheDecisionItClaims_IsBackfilled()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        // The clerk types in at 12:30 a decision dated 09:30, and the report goes at once.
        host.Clock.Advance(Decided.AddHours(3) - host.Clock.GetUtcNow());
        await host.SendReportAsync(Report(step, sentAt: Decided.AddHours(3)));

        var licence = await ReportedAsync(host, id, step.StepId);

        Assert.Equal(["backfilled"], licence.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        var listed = Assert.Single((await host.GetJsonAsync("admin", "/api/compliance/mismatches?from=2026-03&to=2026-03")).GetProperty("items").EnumerateArray());
        Assert.Equal(Decided.AddHours(3), listed.GetProperty("sentAt").GetDateTimeOffset());
    }

    /// <summary>An honest report in every figure but, perhaps, when it was sent.</summary>
    private static StepCompleted Report(ExecuteStep step, DateTimeOffset sentAt) => AllInOneHost.Approval(step, Decided, onTime: true) with
    {
        SentAt = sentAt,
        Compliance = new StepComplianceReport
        {
            ReceivedAt = AllInOneHost.MondayMorning,
            StartedAt = AllInOneHost.MondayMorning.AddMinutes(10),
            CompletedAt = Decided,
            DueAt = step.DueAt,
            OnTime = true,
        },
    };

    private static async Task<JsonElement> ReportedAsync(AllInOneHost host, Guid id, string stepId)
    {
        var compliance = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/applications/{id}/compliance"),
            c => c.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("stepId").GetString() == stepId),
            "the report to be kept");
        return compliance.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);
    }
}
