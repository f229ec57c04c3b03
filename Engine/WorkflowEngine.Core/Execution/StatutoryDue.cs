using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Core.Execution;

/// <summary>
/// A step's statutory limit (法定时限) and the due time its clock gives it, as a department is told beside the promised
/// one; <see cref="DueAt"/> is null while the clock stands still.
/// </summary>
public sealed record StatutoryDue(WorkingTimeLimit Limit, DateTimeOffset? DueAt, ProvisionalDue? Provisional);
