namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// What the partial <c>_Timeline</c> shows: the progress's stages and steps, each department named in the page's
/// language, and the application's id where the reader may sign a commitment online (null on the public look-up).
/// </summary>
/// <remarks>
/// Where window staff act for a walk-in, <paramref name="WalkInCitizen"/> names the citizen and <paramref name="Errors"/>
/// holds the page's errors; on the applicant's page, <paramref name="Rating"/> puts each decided step's rating (一事一评) on its entry.
/// </remarks>
public sealed record Timeline(
    ProgressView Progress, Func<string?, string> DepartmentName, Guid? ApplicationId, string? WalkInCitizen = null, IReadOnlyDictionary<string, string[]>? Errors = null,
    RatingForm? Rating = null);
