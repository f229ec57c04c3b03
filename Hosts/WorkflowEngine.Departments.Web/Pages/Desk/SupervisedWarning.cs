using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// A step on the supervisor's red or yellow list: the department's task for it (null where this host holds none yet),
/// and where the engine runs in this process its cards against the promised and the statutory limit
/// (<see cref="Api.Desk.IEngineWarnings"/>); a department host on its own shows only the card its task was sent.
/// </summary>
public sealed record SupervisedWarning(TaskRecord? Task, WarningDto? Card)
{
    /// <summary>The step's title in the page's language: in English where the definition or the engine gave it.</summary>
    public string Title => Card is { } card ? DeskText.Title(card.Title, card.TitleEn) : DeskText.Title(Task!);

    public string TrackingNumber => Card?.TrackingNumber ?? Task!.TrackingNumber;

    public string ServiceTitle => Card is { } card ? DeskText.Title(card.ServiceTitle, card.ServiceTitleEn) : DeskText.ServiceTitle(Task!);

    public string? Warning => Card?.Warning ?? Task?.Warning;
}
