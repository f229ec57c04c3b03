using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>How far a step's limit may be extended in all when its definition does not say (行政许可法 Art. 42: by 10 working days).</summary>
public static class ExtensionLimits
{
    public static WorkingTimeLimit Default { get; } = WorkingTimeLimit.Days(10);
}
