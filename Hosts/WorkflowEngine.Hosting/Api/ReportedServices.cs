using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Api;

/// <summary>A service named in compliance figures: its title and the calendar its limits count on.</summary>
public sealed record ReportedService(LocalizedText? Title, WorkingCalendar Calendar)
{
    /// <summary>Each service's title and calendar, from its latest published version.</summary>
    public static async Task<Dictionary<string, ReportedService>> LoadAsync(
        IEnumerable<string> ids, DefinitionRegistry definitions, ReferenceData reference, CancellationToken cancellationToken)
    {
        var services = new Dictionary<string, ReportedService>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var definition = await definitions.GetLatestPublishedAsync(id, cancellationToken);
            // A service retired since keeps its figures, counted on the first calendar kept (the shipped one).
            var calendar = definition is not null && reference.Calendars.TryGetValue(definition.CalendarId, out var own) ? own : reference.Calendars.Values.First();
            services[id] = new ReportedService(definition?.Title, calendar);
        }

        return services;
    }
}
