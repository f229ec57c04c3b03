using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Monitoring;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>The waiting steps an SQLite host follows in memory: read at start, then kept up by each commit.</summary>
public sealed class TrackedWaitingStepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 1, 0, 0, TimeSpan.Zero);
    private static readonly Guid Application = Guid.CreateVersion7();

    [Fact]
    public async Task StepsReadAtStart_AndCommittedSince_AreFoundByHowLongTheyWaited()
    {
        var stored = new Stored([new WaitingStep(Application, "held-since-start", 1, "SAMR", StepStatuses.Received, Now.AddHours(-5))]);
        var waiting = new TrackedWaitingSteps(stored);
        await waiting.LoadAsync(CancellationToken.None);

        waiting.Committed([Step("sent", StepStatuses.Dispatched, Now.AddMinutes(-3)), Step("sent-now", StepStatuses.Dispatched, Now)]);
        Assert.Equal(["sent"], (await waiting.UnacknowledgedAsync(Now.AddMinutes(-2), 10, CancellationToken.None)).Select(s => s.StepId));
        Assert.Equal(["held-since-start"], (await waiting.SilentAsync(Now.AddHours(-4), 10, CancellationToken.None)).Select(s => s.StepId));

        // Acknowledged, then decided: no longer unacknowledged, then no longer waiting at all.
        waiting.Committed([Step("sent", StepStatuses.Received, Now)]);
        Assert.Empty(await waiting.UnacknowledgedAsync(Now.AddMinutes(-2), 10, CancellationToken.None));
        waiting.Committed([Step("sent", StepStatuses.Approved, null), Step("held-since-start", StepStatuses.Cancelled, null)]);
        Assert.Equal(1, waiting.Count);

        var counts = await waiting.CountAsync(Now.AddMinutes(1), CancellationToken.None);
        Assert.Equal((1, 2), (counts.UnacknowledgedSteps, counts.OpenIncidents));
    }

    private static StepRecord Step(string id, string status, DateTimeOffset? contact) => new()
    {
        ApplicationId = Application, StepId = id, Kind = "department-task", Department = "SAMR", Title = id, Status = status, Attempt = 1, LastContactAt = contact,
    };

    /// <summary>The database as the tracker sees it: what waits at start, and the counts of the small tables.</summary>
    private sealed class Stored(IReadOnlyList<WaitingStep> waiting) : IStuckWorkQueries
    {
        public Task<IReadOnlyList<WaitingStep>> AllWaitingAsync(CancellationToken cancellationToken) => Task.FromResult(waiting);

        public Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The tracker answers this from memory.");

        public Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The tracker answers this from memory.");

        public Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, bool withSteps, CancellationToken cancellationToken) =>
            Task.FromResult(new StuckWorkCounts(withSteps ? 99 : 0, 0, 2, 0));
    }
}
