using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>
/// A service's one-time notice (一次性告知): every material and what is asked of it, which may come later (容缺), the
/// steps in order and side by side with their departments and limits, and each condition in words.
/// </summary>
public sealed class NoticeModel(DefinitionRegistry registry, ActivityRegistry activities, ReferenceData reference) : PageModel
{
    public WorkflowDefinition? Service { get; private set; }

    public NoticeStep? Flow { get; private set; }

    /// <summary>Step titles by step id, in the visitor's language, for the materials' "used by".</summary>
    public IReadOnlyDictionary<string, string> StepTitles { get; private set; } = new Dictionary<string, string>();

    /// <summary>The steps that name their own legal basis, in the flow's order, with their titles in the visitor's language.</summary>
    public IReadOnlyList<(string Title, IReadOnlyList<LocalizedText> Basis)> StepLegalBasis { get; private set; } = [];

    /// <summary>办理时间 from the definition's calendar, in the visitor's language; null where the calendar is unknown.</summary>
    public string? OfficeHours { get; private set; }

    public async Task OnGetAsync(string key, CancellationToken cancellationToken)
    {
        Service = await registry.GetLatestPublishedAsync(key, cancellationToken);
        if (Service is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var text = PageText.Current;
        Flow = NoticeStep.Of(Service, activities, reference, text);
        StepTitles = Service.Nodes.Values.ToDictionary(n => n.Id, n => n.Title is { } title ? text.Of(title) : n.Id, StringComparer.Ordinal);
        StepLegalBasis = [.. Service.StepsWithLegalBasis()
            .Select(n => (StepTitles.GetValueOrDefault(n.Id, n.Id), n.LegalBasis!))];
        OfficeHours = reference.Calendars.TryGetValue(Service.CalendarId, out var calendar) ? GuideText.Current.OfficeHoursOf(calendar) : null;
    }
}
