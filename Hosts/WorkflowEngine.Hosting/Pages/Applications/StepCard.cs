using WorkflowEngine.Hosting.Api;
using WorkflowEngine.Hosting.Api.Clocks;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// What the partial <c>_StepCard</c> shows of one department's step: the step, its clock, whether it sits inside a stage
/// (its heading one level lower), its title and department in the page's language, and the application's id where the
/// reader may sign a commitment online (the applicant's own page); null on the public look-up, where a walk-in signs at
/// the window; and, where window staff act for a walk-in, the citizen's name and the page's errors (the paper signature's
/// confirmation); on the applicant's page, the rating (一事一评): a decided step is rated right on its entry while the
/// application runs, and a rated one says how.
/// </summary>
public sealed record StepCard(
    StepDto Step, ClockDto? Clock, bool InStage, string Title, string DepartmentName, Guid? ApplicationId, string? WalkInCitizen = null,
    IReadOnlyDictionary<string, string[]>? Errors = null, RatingForm? Rating = null);
