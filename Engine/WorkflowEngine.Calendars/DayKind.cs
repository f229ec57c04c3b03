namespace WorkflowEngine.Calendars;

/// <summary>Why a date is worked or not.</summary>
public enum DayKind
{
    Workday,
    Weekend,
    Holiday,
    MakeUpWorkday,
}
