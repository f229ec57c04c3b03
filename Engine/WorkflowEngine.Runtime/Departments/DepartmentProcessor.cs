using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// A department host's shell: steps received, recalls, claims and decisions are written with their inbox entry and
/// their report to the engine (via the outbox) in one transaction, many at a time.
/// </summary>
public sealed class DepartmentProcessor : IAsyncDisposable
{
    /// <summary>The inbox consumer name of a department host.</summary>
    public const string Consumer = "department";

    private readonly IDepartmentStore _store;
    private readonly TimeProvider _time;
    private readonly OutboxSignal _outbox;
    private readonly GroupCommitter<DepartmentWork> _committer;

    public DepartmentProcessor(IDepartmentStore store, TimeProvider time, OutboxSignal outbox, IOptions<EngineOptions> options, ILogger<DepartmentProcessor> logger)
    {
        _store = store;
        _time = time;
        _outbox = outbox;
        _committer = new GroupCommitter<DepartmentWork>("department", options.Value.MaxBatch, options.Value.QueueCapacity, HandleBatchAsync, logger);
    }

    public async Task<TaskRecord?> ReceiveAsync(ExecuteStep step, string messageId, AutomatedResult? result, string? note, CancellationToken cancellationToken) =>
        await _committer.SubmitAsync(new ReceiveStepWork(step, messageId, result, note), cancellationToken) as TaskRecord;

    public Task CancelAsync(CancelStep cancel, string messageId, CancellationToken cancellationToken) =>
        _committer.SubmitAsync(new CancelStepWork(cancel, messageId), cancellationToken);

    public async Task<TaskActionResult> ClaimAsync(Guid taskId, string clerk, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _committer.SubmitAsync(new ClaimWork(taskId, clerk), cancellationToken))!;

    public async Task<TaskActionResult> CompleteAsync(
        Guid taskId,
        string clerk,
        bool approved,
        string? reason,
        IReadOnlyDictionary<string, string>? outputs,
        CancellationToken cancellationToken) =>
        (TaskActionResult)(await _committer.SubmitAsync(new CompleteWork(taskId, clerk, approved, reason, outputs), cancellationToken))!;

    private async Task HandleBatchAsync(IReadOnlyList<DepartmentWork> batch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var session = await _store.BeginAsync(cancellationToken);
        var outbox = new List<OutboxMessage>();
        var results = new object?[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            results[i] = batch[i] switch
            {
                ReceiveStepWork receive => await ReceiveAsync(session, receive, outbox, now, cancellationToken),
                CancelStepWork cancel => await CancelAsync(session, cancel, now, cancellationToken),
                ClaimWork claim => await ClaimAsync(session, claim, outbox, now, cancellationToken),
                CompleteWork complete => await CompleteAsync(session, complete, outbox, now, cancellationToken),
                _ => throw new InvalidOperationException($"Unknown work {batch[i].GetType().Name}."),
            };
        }

        if (outbox.Count > 0)
        {
            await session.EnqueueAsync(outbox, cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed(results[i]);
        }

        if (outbox.Count > 0)
        {
            _outbox.Notify();
        }
    }

    private static async Task<TaskRecord?> ReceiveAsync(IDepartmentSession session, ReceiveStepWork work, List<OutboxMessage> outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var step = work.Step;
        if (!await session.TryRecordMessageAsync(Consumer, work.MessageId, now, cancellationToken)
            || await session.FindTaskAsync(step.ApplicationId, step.StepId, step.Attempt, cancellationToken) is not null)
        {
            return null;
        }

        var task = new TaskRecord
        {
            Id = Guid.CreateVersion7(now),
            ApplicationId = step.ApplicationId,
            TrackingNumber = step.TrackingNumber,
            ServiceId = step.ServiceId,
            ServiceTitle = step.ServiceTitle,
            StepId = step.StepId,
            Attempt = step.Attempt,
            Department = step.Department,
            Title = step.Title,
            Status = TaskStatuses.Open,
            Handler = step.Handler,
            DispatchedAt = step.DispatchedAt,
            DueAt = step.DueAt,
            ReceivedAt = now,
            PayloadJson = JsonSerializer.Serialize(step, MessageJson.Options),
            Note = work.Note,
        };
        if (work.Result is { } result)
        {
            task.Automated = true;
            Decide(task, "system:" + step.Handler, result.Approved, result.Reason, result.Outputs, outbox, now);
        }

        await session.InsertTaskAsync(task, cancellationToken);
        return task;
    }

    private static async Task<object?> CancelAsync(IDepartmentSession session, CancelStepWork work, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cancel = work.Message;
        if (!await session.TryRecordMessageAsync(Consumer, work.MessageId, now, cancellationToken)
            || await session.FindTaskAsync(cancel.ApplicationId, cancel.StepId, cancel.Attempt, cancellationToken) is not { } task)
        {
            return null;
        }

        if (task.Status is TaskStatuses.Open or TaskStatuses.Claimed)
        {
            task.Status = TaskStatuses.Cancelled;
            task.Note = cancel.Reason;
            await session.UpdateTaskAsync(task, cancellationToken);
        }

        return task;
    }

    private static async Task<TaskActionResult> ClaimAsync(IDepartmentSession session, ClaimWork work, List<OutboxMessage> outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await session.GetTaskAsync(work.TaskId, cancellationToken) is not { } task)
        {
            return TaskActionResult.NotFound();
        }

        switch (task.Status)
        {
            case TaskStatuses.Claimed when task.ClaimedBy == work.Clerk:
                return TaskActionResult.Ok(task);
            case TaskStatuses.Claimed:
                return TaskActionResult.Conflict(task, $"该办件已由“{task.ClaimedBy}”认领");
            case TaskStatuses.Completed:
                return TaskActionResult.Conflict(task, "该办件已办结");
            case TaskStatuses.Cancelled:
                return TaskActionResult.Conflict(task, $"该办件已撤回：{task.Note}");
        }

        task.Status = TaskStatuses.Claimed;
        task.ClaimedBy = work.Clerk;
        task.ClaimedAt = now;
        await session.UpdateTaskAsync(task, cancellationToken);
        outbox.Add(MessageJson.ToOutbox(
            new StepClaimed
            {
                ApplicationId = task.ApplicationId,
                StepId = task.StepId,
                Attempt = task.Attempt,
                Department = task.Department,
                ClaimedBy = work.Clerk,
                ClaimedAt = now,
            },
            Queues.EngineReports,
            now));
        return TaskActionResult.Ok(task);
    }

    private static async Task<TaskActionResult> CompleteAsync(IDepartmentSession session, CompleteWork work, List<OutboxMessage> outbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await session.GetTaskAsync(work.TaskId, cancellationToken) is not { } task)
        {
            return TaskActionResult.NotFound();
        }

        switch (task.Status)
        {
            case TaskStatuses.Open:
                return TaskActionResult.Conflict(task, "请先认领该办件再办理");
            case TaskStatuses.Claimed when task.ClaimedBy != work.Clerk:
                return TaskActionResult.Conflict(task, $"该办件已由“{task.ClaimedBy}”认领，只有认领人可以办理");
            case TaskStatuses.Completed:
                return TaskActionResult.Conflict(task, "该办件已办结");
            case TaskStatuses.Cancelled:
                return TaskActionResult.Conflict(task, $"该办件已撤回：{task.Note}");
        }

        Decide(task, work.Clerk, work.Approved, work.Reason, work.Outputs, outbox, now);
        await session.UpdateTaskAsync(task, cancellationToken);
        return TaskActionResult.Ok(task);
    }

    private static void Decide(
        TaskRecord task,
        string by,
        bool approved,
        string? reason,
        IReadOnlyDictionary<string, string>? outputs,
        List<OutboxMessage> outbox,
        DateTimeOffset now)
    {
        task.Status = TaskStatuses.Completed;
        task.CompletedBy = by;
        task.CompletedAt = now;
        task.Outcome = approved ? StepOutcomes.Approved : StepOutcomes.Rejected;
        task.Reason = reason;
        task.OutputsJson = outputs is { Count: > 0 } ? JsonSerializer.Serialize(outputs) : null;
        task.OnTime = now <= task.DueAt;
        outbox.Add(MessageJson.ToOutbox(
            new StepCompleted
            {
                ApplicationId = task.ApplicationId,
                StepId = task.StepId,
                Attempt = task.Attempt,
                Department = task.Department,
                Outcome = task.Outcome,
                Reason = reason,
                Outputs = outputs,
                CompletedBy = by,
                CompletedAt = now,
                DueAt = task.DueAt,
                OnTime = task.OnTime.Value,
            },
            Queues.EngineReports,
            now));
    }

    public ValueTask DisposeAsync() => _committer.DisposeAsync();
}
