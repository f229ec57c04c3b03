using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// A material the applicant may upload now on the progress page: one a supplement request (补正) asks for, with each
/// department's reason, or one still missing or accepted as coming later (容缺), with the day it is due by. A request may
/// be answered an item at a time: <see cref="ReceivedAt"/> is when a file for this item came since it was asked for.
/// </summary>
public sealed record UploadSlot(string Key, string Name, IReadOnlyList<string> Reasons, DateTimeOffset? DueBy, bool Supplement, DateTimeOffset? ReceivedAt = null)
{
    /// <summary>Every material asked for by an open supplement request, once with all its reasons; then those still to supply.</summary>
    public static UploadSlot[] AllOf(ApplicationDto application, WorkflowDefinition service)
    {
        if (ApplicationStatuses.IsFinished(application.Status))
        {
            return [];
        }

        var text = PageText.Current;
        string Name(string key) => service.Materials.FirstOrDefault(m => m.Key == key) is { } spec ? text.Of(spec.Name) : key;
        // Each request expires on its own day: a material two departments ask for is due by the earlier one.
        DateTimeOffset? AnswerBy(string key) => application.Supplements
            .Where(s => s.AnswerBy is not null && s.Items.Any(i => i.Material == key))
            .Min(s => s.AnswerBy);
        // An item is answered by a file uploaded since the request asked for it (as the engine counts it); asked for by
        // two requests, since the later one.
        DateTimeOffset? ReceivedAt(string key) =>
            application.Materials.FirstOrDefault(m => m.Key == key)?.UploadedAt is { } uploaded
            && application.Supplements.Where(s => s.Items.Any(i => i.Material == key)).All(s => uploaded >= s.RequestedAt)
                ? uploaded
                : null;
        var asked = application.Supplements
            .SelectMany(s => s.Items)
            .Where(i => i.Material is not null)
            .GroupBy(i => i.Material!, StringComparer.Ordinal)
            .Select(g => new UploadSlot(g.Key, Name(g.Key), g.Select(i => i.Reason).ToArray(), AnswerBy(g.Key), Supplement: true, ReceivedAt(g.Key)));
        var missing = application.Materials
            .Where(m => m.Status is MaterialChecklist.Missing or MaterialChecklist.Deferred)
            .Select(m => new UploadSlot(m.Key, Name(m.Key), [], m.DueBy, Supplement: false));
        return [.. asked, .. missing.Where(m => application.Supplements.All(s => s.Items.All(i => i.Material != m.Key)))];
    }
}

