namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The query code reissue (查询码补发) on a walk-in's page for window staff: a fresh instance of the form (so that the
/// form sent again is known) and the errors of the confirmation that the citizen's identity document was checked.
/// </summary>
public sealed record QueryCodeReissueForm(string Request, IReadOnlyList<string> Errors)
{
    /// <summary>The confirmation's field, as the API names it.</summary>
    public const string Field = "identityChecked";

    /// <summary>The confirmation's element id.</summary>
    public const string InputId = "identity-checked";
}
