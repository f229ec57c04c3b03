using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>Work for a department host's group committer.</summary>
public abstract class DepartmentWork : CommitWork;

/// <summary>
/// A message from the engine about one step: consumed once by its <see cref="MessageId"/> (the inbox), and applied to
/// the task of (<see cref="ApplicationId"/>, <see cref="StepId"/>).
/// </summary>
public abstract class EngineMessageWork(string messageId, Guid applicationId, string stepId) : DepartmentWork
{
    public string MessageId { get; } = messageId;

    public Guid ApplicationId { get; } = applicationId;

    public string StepId { get; } = stepId;
}

/// <summary>A step arrived from the engine; <see cref="Result"/> is set when an automated handler already decided it.</summary>
public sealed class ReceiveStepWork(ExecuteStep step, string messageId, string? body, AutomatedResult? result, string? note, string? noteEn = null)
    : EngineMessageWork(messageId, step.ApplicationId, step.StepId)
{
    public ExecuteStep Step { get; } = step;

    /// <summary>The message body as it arrived, if the caller has it: stored as the task's payload without writing the step out again.</summary>
    public string? Body { get; } = body;

    public AutomatedResult? Result { get; } = result;

    public string? Note { get; } = note;

    /// <summary><see cref="Note"/> in English.</summary>
    public string? NoteEn { get; } = noteEn;
}

/// <summary>The engine recalled a step.</summary>
public sealed class CancelStepWork(CancelStep cancel, string messageId)
    : EngineMessageWork(messageId, cancel.ApplicationId, cancel.StepId)
{
    public CancelStep Message { get; } = cancel;
}

/// <summary>The engine says a step's due time moved, or that its clock stands still.</summary>
public sealed class DueChangedWork(StepDueChanged change, string messageId)
    : EngineMessageWork(messageId, change.ApplicationId, change.StepId)
{
    public StepDueChanged Message { get; } = change;
}

/// <summary>The engine gave a step's yellow or red card.</summary>
public sealed class WarningWork(StepWarningRaised warning, string messageId)
    : EngineMessageWork(messageId, warning.ApplicationId, warning.StepId)
{
    public StepWarningRaised Message { get; } = warning;
}

/// <summary>The engine applies an escalation rule to a step (升级督办).</summary>
public sealed class EscalationWork(StepEscalated escalation, string messageId)
    : EngineMessageWork(messageId, escalation.ApplicationId, escalation.StepId)
{
    public StepEscalated Message { get; } = escalation;
}

/// <summary>The engine says the applicant supplied what the task's supplement request asked for.</summary>
public sealed class SuppliedWork(StepSupplemented supplied, string messageId)
    : EngineMessageWork(messageId, supplied.ApplicationId, supplied.StepId)
{
    public StepSupplemented Message { get; } = supplied;
}

/// <summary>The engine sends a material the step uses that came late (容缺).</summary>
public sealed class MaterialSuppliedWork(StepMaterialSupplied supplied, string messageId)
    : EngineMessageWork(messageId, supplied.ApplicationId, supplied.StepId)
{
    public StepMaterialSupplied Message { get; } = supplied;
}

/// <summary>
/// The engine says the applicant corrected answers of an application's form (补正): about the application, not one step,
/// so <see cref="EngineMessageWork.StepId"/> is empty.
/// </summary>
public sealed class FormCorrectedWork(ApplicationFormCorrected corrected, string messageId)
    : EngineMessageWork(messageId, corrected.ApplicationId, "")
{
    public ApplicationFormCorrected Message { get; } = corrected;
}

/// <summary>The engine refused one of the department's supplement requests.</summary>
public sealed class SupplementRefusedWork(StepSupplementRefused refused, string messageId)
    : EngineMessageWork(messageId, refused.ApplicationId, refused.StepId)
{
    public StepSupplementRefused Message { get; } = refused;
}

/// <summary>The engine did not approve a step on the commitment signed at the department's window.</summary>
public sealed class CommitmentRefusedWork(StepCommitmentRefused refused, string messageId)
    : EngineMessageWork(messageId, refused.ApplicationId, refused.StepId)
{
    public StepCommitmentRefused Message { get; } = refused;
}

/// <summary>
/// The clerk holding a task approves it on the commitment the applicant signed on paper at the window (按承诺审批):
/// the signer's name and identity number as written, and the hash of the text the step offered.
/// </summary>
public sealed class ApproveOnCommitmentWork(Guid taskId, string clerk, string signerName, string signerIdNumber, string textSha256) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public string SignerName { get; } = signerName;

    public string SignerIdNumber { get; } = signerIdNumber;

    public string TextSha256 { get; } = textSha256;
}

/// <summary>
/// The clerk holding a task asks the applicant for supplementary material (补正), every item at once;
/// <see cref="SupplementBy"/> is the end of the window the engine gave with the step.
/// </summary>
public sealed class RequestSupplementWork(Guid taskId, string clerk, IReadOnlyList<SupplementItem> items, string? note, DateTimeOffset? supplementBy)
    : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public IReadOnlyList<SupplementItem> Items { get; } = items;

    public string? Note { get; } = note;

    public DateTimeOffset? SupplementBy { get; } = supplementBy;
}

/// <summary>
/// The clerk holding a task asks a supervisor to allow a further supplement request (再次补正), or one after the window
/// (<see cref="SupplementBy"/>); <see cref="MaxRequests"/> is how many the step may have in all (both from the step's
/// <c>ExecuteStep</c>).
/// </summary>
public sealed class RequestSupplementApprovalWork(
    Guid taskId, string clerk, IReadOnlyList<SupplementItem> items, string? note, string reason, DateTimeOffset? supplementBy, int maxRequests)
    : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public IReadOnlyList<SupplementItem> Items { get; } = items;

    public string? Note { get; } = note;

    public string Reason { get; } = reason;

    public DateTimeOffset? SupplementBy { get; } = supplementBy;

    public int MaxRequests { get; } = maxRequests;
}

/// <summary>A supervisor of the task's department approves (the request goes to the engine) or refuses a further supplement request.</summary>
public sealed class DecideSupplementApprovalWork(Guid taskId, Guid approvalId, string supervisor, bool approve, string? decision, int maxRequests) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public Guid ApprovalId { get; } = approvalId;

    public string Supervisor { get; } = supervisor;

    public bool Approve { get; } = approve;

    public string? Decision { get; } = decision;

    public int MaxRequests { get; } = maxRequests;
}

/// <summary>A clerk claims a task.</summary>
public sealed class ClaimWork(Guid taskId, string clerk) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;
}

/// <summary>The clerk holding a task, or a supervisor of its department, gives it back to the department's queue.</summary>
public sealed class ReleaseWork(Guid taskId, string clerk, bool supervisor) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public bool Supervisor { get; } = supervisor;
}

/// <summary>A supervisor of the task's department gives it to another clerk of the department (<see cref="To"/>), whoever held it.</summary>
public sealed class ReassignWork(Guid taskId, string supervisor, string to) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Supervisor { get; } = supervisor;

    public string To { get; } = to;
}

/// <summary>A clerk decides a task.</summary>
public sealed class CompleteWork(Guid taskId, string clerk, bool approved, string? reason, IReadOnlyDictionary<string, string>? outputs) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public bool Approved { get; } = approved;

    public string? Reason { get; } = reason;

    public IReadOnlyDictionary<string, string>? Outputs { get; } = outputs;
}

/// <summary>The clerk holding a task, or a supervisor, records a period its limit does not count (Art. 45 行政许可法).</summary>
public sealed class StartExclusionWork(Guid taskId, string clerk, bool supervisor, string kind, string reason, DateTimeOffset? until) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public bool Supervisor { get; } = supervisor;

    public string Kind { get; } = kind;

    public string Reason { get; } = reason;

    public DateTimeOffset? Until { get; } = until;
}

/// <summary>The clerk holding a task, or a supervisor, ends its excluded period: the step's clock runs again.</summary>
public sealed class EndExclusionWork(Guid taskId, string clerk, bool supervisor) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public bool Supervisor { get; } = supervisor;
}

/// <summary>The clerk holding a task, or a supervisor, sets or moves the expected end of its excluded period under way.</summary>
public sealed class ChangeExclusionEndWork(Guid taskId, string clerk, bool supervisor, DateTimeOffset until) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public bool Supervisor { get; } = supervisor;

    public DateTimeOffset Until { get; } = until;
}

/// <summary>
/// The clerk holding a task asks for more time; <see cref="MaxHours"/> is how far the step may be extended in all, in
/// office hours, a working day weighing <see cref="WorkingDayHours"/> (both from the step's <c>ExecuteStep</c>).
/// </summary>
public sealed class RequestExtensionWork(
    Guid taskId, string clerk, decimal? workingDays, decimal? workingHours, string reason, decimal maxHours, decimal workingDayHours) : DepartmentWork
{
    public Guid TaskId { get; } = taskId;

    public string Clerk { get; } = clerk;

    public decimal? WorkingDays { get; } = workingDays;

    public decimal? WorkingHours { get; } = workingHours;

    public string Reason { get; } = reason;

    public decimal MaxHours { get; } = maxHours;

    public decimal WorkingDayHours { get; } = workingDayHours;
}

/// <summary>A supervisor of the department approves or refuses a request for more time on one of its tasks.</summary>
public sealed class DecideExtensionWork(Guid extensionId, Guid taskId, string supervisor, bool approve, string? decision) : DepartmentWork
{
    public Guid ExtensionId { get; } = extensionId;

    public Guid TaskId { get; } = taskId;

    public string Supervisor { get; } = supervisor;

    public bool Approve { get; } = approve;

    public string? Decision { get; } = decision;
}
