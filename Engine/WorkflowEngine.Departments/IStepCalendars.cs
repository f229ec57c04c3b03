using WorkflowEngine.Calendars;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// The working-time calendars a department side counts its steps' working time on: the engine's own, in process, or
/// copies a department host fetched from the engine. Never blocks: what is not held yet is fetched in the background.
/// </summary>
public interface IStepCalendars
{
    /// <summary>
    /// The calendar to count a step on that the engine dispatched on <paramref name="version"/> of calendar
    /// <paramref name="id"/> (or announced a due time on since), and the department received (that announcement) at
    /// <paramref name="receivedAt"/>: that version, or one obtained since (as new as the engine's then, or newer). Null when none is held: the working time is then not reported.
    /// </summary>
    WorkingCalendar? Find(string id, string? version, DateTimeOffset receivedAt);

    /// <summary>
    /// A message naming this calendar version arrived: a side that does not hold it fetches it now, so that it is there
    /// at the decision. <paramref name="id"/> is null when the message does not say which calendar (a
    /// <c>StepDueChanged</c> for a step the side holds no task of): then a side holding no calendar of that version fetches.
    /// </summary>
    void Expect(string? id, string? version);
}
