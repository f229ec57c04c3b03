using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Activities;

/// <summary>What a definition is validated against: the departments and calendars this installation keeps.</summary>
public sealed record ValidationEnvironment(
    IReadOnlyDictionary<string, Department> Departments,
    IReadOnlyDictionary<string, double> CalendarHoursPerDay)
{
    /// <summary>Hours in a working day of the definition's calendar, to compare limits in days with limits in hours.</summary>
    public double HoursPerDay { get; init; } = 7;

    /// <summary>The step ids of the definition being validated, for settings that refer to other steps.</summary>
    public IReadOnlySet<string> StepIds { get; init; } = new HashSet<string>();
}
