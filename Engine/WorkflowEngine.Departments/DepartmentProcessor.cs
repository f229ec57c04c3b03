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
    private readonly DeliveryReceipts _receipts;
    private readonly TimeProvider _time;
    private readonly CommitLoops<DepartmentWork> _loops;
    private readonly IStepCalendars? _calendars;
    private readonly IStaffNames? _staff;

    /// <param name="staff">How the supervisors' notices name people; without it (a host with no user directory) by login id.</param>
    public DepartmentProcessor(
        IDepartmentStore store, DeliveryReceipts receipts, TimeProvider time, IOptions<EngineOptions> options, ILogger<DepartmentProcessor> logger,
        IStepCalendars? calendars = null, IStaffNames? staff = null)
    {
        _calendars = calendars;
        _staff = staff;
        _store = store;
        _receipts = receipts;
        _time = time;
        _loops = new CommitLoops<DepartmentWork>("department", options.Value.DepartmentLoops, options.Value.MaxBatch, options.Value.QueueCapacity, RunBatchAsync, logger);
    }

    /// <summary>How many department commit loops run side by side.</summary>
    public int Loops => _loops.Count;

    /// <summary>The department loops' busy time added up: up to <see cref="Loops"/> times the wall time.</summary>
    public TimeSpan BusyTime => _loops.BusyTime;

    public async Task<TaskRecord?> ReceiveAsync(ReceiveStepWork work, CancellationToken cancellationToken) =>
        await _loops.SubmitAsync(work.Step.ApplicationId, work, cancellationToken) as TaskRecord;

    public Task CancelAsync(CancelStep cancel, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(cancel.ApplicationId, new CancelStepWork(cancel, messageId), cancellationToken);

    /// <summary>Keeps the newest due time the engine announced for a step the department holds.</summary>
    public Task ChangeDueAsync(StepDueChanged change, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(change.ApplicationId, new DueChangedWork(change, messageId), cancellationToken);

    /// <summary>Shows a step's yellow or red card on its task; a red one becomes a notice for the department's supervisors.</summary>
    public Task RaiseWarningAsync(StepWarningRaised warning, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(warning.ApplicationId, new WarningWork(warning, messageId), cancellationToken);

    /// <summary>Raises a step's priority in the queue and, if the rule says so, has the supervisors supervise it (升级督办).</summary>
    public Task EscalateAsync(StepEscalated escalation, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(escalation.ApplicationId, new EscalationWork(escalation, messageId), cancellationToken);

    /// <summary>Takes the new material versions the applicant supplied onto the task.</summary>
    public Task SuppliedAsync(StepSupplemented supplied, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(supplied.ApplicationId, new SuppliedWork(supplied, messageId), cancellationToken);

    /// <summary>Takes a material that came late (容缺) onto the task: its clerk sees and downloads it, and its decision names it.</summary>
    public Task MaterialSuppliedAsync(StepMaterialSupplied supplied, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(supplied.ApplicationId, new MaterialSuppliedWork(supplied, messageId), cancellationToken);

    /// <summary>Keeps an application's corrected form (the newest revision) and what the applicant corrected, for every task of it here.</summary>
    public Task FormCorrectedAsync(ApplicationFormCorrected corrected, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(corrected.ApplicationId, new FormCorrectedWork(corrected, messageId), cancellationToken);

    /// <summary>Tells the department's supervisors the engine refused a supplement request of the task, and why.</summary>
    public Task SupplementRefusedAsync(StepSupplementRefused refused, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(refused.ApplicationId, new SupplementRefusedWork(refused, messageId), cancellationToken);

    /// <summary>Gives the task back to the clerk who approved it on a paper commitment the engine refused, saying why.</summary>
    public Task CommitmentRefusedAsync(StepCommitmentRefused refused, string messageId, CancellationToken cancellationToken) =>
        _loops.SubmitAsync(refused.ApplicationId, new CommitmentRefusedWork(refused, messageId), cancellationToken);

    /// <summary>The clerk holding a task approves it on the commitment signed at the window (see <see cref="ApproveOnCommitmentWork"/>).</summary>
    public async Task<TaskActionResult> ApproveOnCommitmentAsync(ApproveOnCommitmentWork work, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(work.TaskId, work, cancellationToken))!;

    /// <summary>The clerk holding a task asks the applicant for supplementary material (see <see cref="RequestSupplementWork"/>).</summary>
    public async Task<TaskActionResult> RequestSupplementAsync(RequestSupplementWork work, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(work.TaskId, work, cancellationToken))!;

    /// <summary>The clerk holding a task asks a supervisor to allow a further supplement request (see <see cref="RequestSupplementApprovalWork"/>).</summary>
    public async Task<TaskActionResult> RequestSupplementApprovalAsync(RequestSupplementApprovalWork work, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(work.TaskId, work, cancellationToken))!;

    /// <summary>A supervisor approves or refuses a further supplement request; an approval goes to the engine as <c>StepSupplementRequested</c>.</summary>
    public async Task<TaskActionResult> DecideSupplementApprovalAsync(DecideSupplementApprovalWork work, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(work.TaskId, work, cancellationToken))!;

    public async Task<TaskActionResult> ClaimAsync(Guid taskId, string clerk, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(taskId, new ClaimWork(taskId, clerk), cancellationToken))!;

    /// <summary>Gives a claimed task back to the queue: by the clerk holding it, or by a supervisor of the department.</summary>
    public async Task<TaskActionResult> ReleaseAsync(Guid taskId, string clerk, bool supervisor, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(taskId, new ReleaseWork(taskId, clerk, supervisor), cancellationToken))!;

    /// <summary>A supervisor gives a task to another clerk of the department (see <see cref="ReassignWork"/>).</summary>
    public async Task<TaskActionResult> ReassignAsync(Guid taskId, string supervisor, string to, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(taskId, new ReassignWork(taskId, supervisor, to), cancellationToken))!;

    /// <summary>Records a period the task's limit does not count; <paramref name="until"/> is its end when known.</summary>
    public async Task<TaskActionResult> StartExclusionAsync(
        Guid taskId, string clerk, bool supervisor, string kind, string reason, DateTimeOffset? until, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(taskId, new StartExclusionWork(taskId, clerk, supervisor, kind, reason, until), cancellationToken))!;

    /// <summary>Ends the task's excluded period.</summary>
    public async Task<TaskActionResult> ChangeExclusionEndAsync(Guid taskId, string clerk, bool supervisor, DateTimeOffset until, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(taskId, new ChangeExclusionEndWork(taskId, clerk, supervisor, until), cancellationToken))!;

    public async Task<TaskActionResult> EndExclusionAsync(Guid taskId, string clerk, bool supervisor, CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(taskId, new EndExclusionWork(taskId, clerk, supervisor), cancellationToken))!;

    /// <summary>The clerk holding a task asks for more time (see <see cref="RequestExtensionWork"/>).</summary>
    public async Task<ExtensionActionResult> RequestExtensionAsync(RequestExtensionWork work, CancellationToken cancellationToken) =>
        (ExtensionActionResult)(await _loops.SubmitAsync(work.TaskId, work, cancellationToken))!;

    /// <summary>A supervisor approves or refuses a request for more time; an approval goes to the engine as <c>StepExtended</c>.</summary>
    public async Task<ExtensionActionResult> DecideExtensionAsync(DecideExtensionWork work, CancellationToken cancellationToken) =>
        (ExtensionActionResult)(await _loops.SubmitAsync(work.TaskId, work, cancellationToken))!;

    public async Task<TaskActionResult> CompleteAsync(
        Guid taskId,
        string clerk,
        bool approved,
        string? reason,
        IReadOnlyDictionary<string, string>? outputs,
        CancellationToken cancellationToken) =>
        (TaskActionResult)(await _loops.SubmitAsync(taskId, new CompleteWork(taskId, clerk, approved, reason, outputs), cancellationToken))!;

    private async Task RunBatchAsync(IReadOnlyList<DepartmentWork> batch, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var work = new DepartmentBatch(now, _calendars);
        await using (var reader = await _store.OpenReaderAsync(cancellationToken))
        {
            await work.LoadAsync(reader, batch, cancellationToken);
        }

        var results = batch.Select(work.Apply).ToArray();
        work.Seal(await StaffNamesAsync(work.NamedInNotices, cancellationToken));
        if (!work.Changes.IsEmpty)
        {
            await _store.SaveAsync(work.Changes, now, cancellationToken);
        }

        // Committed, or seen before: either way the sender's outbox row may go.
        _receipts.Received(batch.OfType<EngineMessageWork>().Select(w => w.MessageId));

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed(results[i]);
        }
    }

    /// <summary>
    /// How the departments name the people the batch's notices name: one directory read per department a notice is for,
    /// none for a batch whose notices name nobody (most batches leave no notice at all).
    /// </summary>
    private async Task<IReadOnlyDictionary<(string Department, string Id), StaffName>?> StaffNamesAsync(
        IReadOnlyList<(string Department, string Id)> named, CancellationToken cancellationToken)
    {
        if (_staff is null || named.Count == 0)
        {
            return null;
        }

        var names = new Dictionary<(string Department, string Id), StaffName>();
        foreach (var department in named.GroupBy(n => n.Department, StringComparer.Ordinal))
        {
            foreach (var (id, name) in await _staff.NamesAsync(department.Key, [.. department.Select(n => n.Id)], cancellationToken))
            {
                names[(department.Key, id)] = name;
            }
        }

        return names;
    }

    public ValueTask DisposeAsync() => _loops.DisposeAsync();
}
