using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>Everything one department batch writes, in one transaction.</summary>
public sealed class DepartmentChanges
{
    public List<(string Consumer, string MessageId)> Inbox { get; } = [];

    public List<TaskRecord> Inserted { get; } = [];

    /// <summary>Tasks changed, each with the status and due revision it was read in (the write fails if either changed meanwhile).</summary>
    public List<(TaskRecord Task, string ReadStatus, int ReadRevision)> Updated { get; } = [];

    public List<OutboxMessage> Outbox { get; } = [];

    /// <summary>
    /// The combined forms of the applications whose steps arrived, or whose answers the applicant corrected: kept once per
    /// application, not per task, each with its revision (how many corrections it includes); the highest revision stays.
    /// </summary>
    public List<(Guid ApplicationId, string FormJson, int Revision)> Forms { get; } = [];

    /// <summary>The answers applicants corrected, as the engine told the department: each kept once.</summary>
    public List<CorrectedAnswer> CorrectedAnswers { get; } = [];

    /// <summary>Tasks whose step as it arrived (the payload) changed: a material that came late (容缺) is in it now.</summary>
    public List<(Guid TaskId, string PayloadJson)> Payloads { get; } = [];

    /// <summary>Requests for more time made in this batch.</summary>
    public List<ExtensionRequest> ExtensionsInserted { get; } = [];

    /// <summary>Requests answered in this batch (the write fails unless each was still pending).</summary>
    public List<ExtensionRequest> ExtensionsDecided { get; } = [];

    /// <summary>Notices for the department's supervisors (a task turned red).</summary>
    public List<DepartmentNotice> Notices { get; } = [];

    /// <summary>What was done to tasks in this batch, for their history.</summary>
    public List<TaskEvent> Events { get; } = [];

    public bool IsEmpty => Inbox.Count + Inserted.Count + Updated.Count + Outbox.Count + Forms.Count + ExtensionsInserted.Count + ExtensionsDecided.Count
        + Notices.Count + Payloads.Count + Events.Count + CorrectedAnswers.Count == 0;
}
