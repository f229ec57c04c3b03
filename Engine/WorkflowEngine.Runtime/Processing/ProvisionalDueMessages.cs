using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Runtime.Processing;

/// <summary>A provisional due time (暂定) as the message contract carries it to a department.</summary>
internal static class ProvisionalDueMessages
{
    public static ProvisionalDueTime? Of(ProvisionalDue? provisional) => provisional is null
        ? null
        : new ProvisionalDueTime { MissingYears = provisional.MissingYears, Reason = provisional.Reason, ReasonEn = provisional.ReasonEn };
}
