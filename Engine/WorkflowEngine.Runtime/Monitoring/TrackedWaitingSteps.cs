using System.Collections.Concurrent;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>
/// The waiting steps kept in memory, for a database one process owns (SQLite): read once at start, then followed from
/// the step rows each commit writes. An index of them in the database cost every step an insert and a delete in the
/// single write lane — 7 % of the all-in-one host's throughput — for a look every half minute.
/// </summary>
public sealed class TrackedWaitingSteps(IStuckWorkQueries queries) : IWaitingSteps
{
    private readonly ConcurrentDictionary<(Guid ApplicationId, string StepId), WaitingStep> _waiting = new();

    public int Count => _waiting.Count;

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var step in await queries.AllWaitingAsync(cancellationToken))
        {
            _waiting[(step.ApplicationId, step.StepId)] = step;
        }
    }

    public void Committed(IEnumerable<StepRecord> steps)
    {
        foreach (var step in steps)
        {
            if (step.Status is StepStatuses.Dispatched or StepStatuses.Received or StepStatuses.Claimed && step.LastContactAt is { } contact)
            {
                _waiting[(step.ApplicationId, step.StepId)] = new WaitingStep(step.ApplicationId, step.StepId, step.Attempt, step.Department, step.Status, contact);
            }
            else
            {
                _waiting.TryRemove((step.ApplicationId, step.StepId), out _);
            }
        }
    }

    public Task<IReadOnlyList<WaitingStep>> UnacknowledgedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WaitingStep>>(Find(s => s.Status == StepStatuses.Dispatched && s.LastContactAt < before, max));

    public Task<IReadOnlyList<WaitingStep>> SilentAsync(DateTimeOffset before, int max, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<WaitingStep>>(Find(s => s.Status is StepStatuses.Received or StepStatuses.Claimed && s.LastContactAt < before, max));

    public async Task<StuckWorkCounts> CountAsync(DateTimeOffset overdueBefore, CancellationToken cancellationToken) =>
        await queries.CountAsync(overdueBefore, withSteps: false, cancellationToken) with
        {
            UnacknowledgedSteps = _waiting.Values.Count(s => s.Status == StepStatuses.Dispatched && s.LastContactAt < overdueBefore),
        };

    private WaitingStep[] Find(Func<WaitingStep, bool> stuck, int max) =>
        _waiting.Values.Where(stuck).OrderBy(s => s.LastContactAt).Take(max).ToArray();
}
