using WorkflowEngine.Calendars;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting;

/// <summary>
/// The department side of a process that runs the engine too (the all-in-one host): it counts on the engine's own
/// calendars, as they stand now, a year loaded included.
/// </summary>
public sealed class InProcessCalendars(ReferenceData reference) : IStepCalendars
{
    public WorkingCalendar? Find(string id, string? version, DateTimeOffset receivedAt) => reference.Calendars.GetValueOrDefault(id);

    public void Expect(string? id, string? version)
    {
        // Always held.
    }
}
