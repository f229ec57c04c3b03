using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Api;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// Something the applicant must do before an application can go on, in the visitor's language: supply what a
/// supplement request (补正) asks for, supply a material accepted as coming later (容缺) or still missing, or sign a
/// commitment (告知承诺书); <see cref="By"/> is when it is due, where a request or the acceptance sets a day, and
/// <see cref="Link"/> is where on the progress page it is done.
/// </summary>
public sealed record ApplicantAction(string Kind, string What, DateTimeOffset? By, string Link)
{
    public const string Supplement = "supplement";

    public const string Deferred = "deferred";

    public const string Commitment = "commitment";

    /// <summary>
    /// What the application waits on its applicant for now, from the same slots and commitments the progress page offers;
    /// the links go to the progress page under <paramref name="pages"/> (the window staff's for a walk-in).
    /// </summary>
    public static IReadOnlyList<ApplicantAction> Of(ApplicationDto application, WorkflowDefinition service, string pages = "/applications")
    {
        var words = ApplicantText.Current;
        var list = words.IsEnglishText ? ", " : "、";
        var page = $"{pages}/{application.Id}";
        var slots = UploadSlot.AllOf(application, service);
        var actions = new List<ApplicantAction>();
        if (slots.Where(s => s.Supplement && s.ReceivedAt is null).ToArray() is { Length: > 0 } asked)
        {
            actions.Add(new(Supplement, ApplicantText.Format(words.ActionSupplementFormat, string.Join(list, asked.Select(s => s.Name))), asked.Min(s => s.DueBy), page + "#upload-title"));
        }

        if (slots.Where(s => !s.Supplement).ToArray() is { Length: > 0 } owed)
        {
            actions.Add(new(Deferred, ApplicantText.Format(words.ActionMaterialsFormat, string.Join(list, owed.Select(s => s.Name))), owed.Min(s => s.DueBy), page + "#upload-title"));
        }

        foreach (var step in application.Steps.Where(s => s.Commitment is { CanSign: true }))
        {
            var title = service.Nodes.TryGetValue(step.StepId, out var node) && node.Title is { } own ? PageText.Current.Of(own) : step.Title;
            actions.Add(new(Commitment, ApplicantText.Format(words.ActionCommitmentFormat, title), null, $"{page}#step-{step.StepId}"));
        }

        return actions;
    }
}
