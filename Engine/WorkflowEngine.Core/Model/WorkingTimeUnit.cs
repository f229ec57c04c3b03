namespace WorkflowEngine.Core.Model;

/// <summary>The unit a time limit is counted in.</summary>
public enum WorkingTimeUnit
{
    WorkingDays,
    WorkingHours,
}
