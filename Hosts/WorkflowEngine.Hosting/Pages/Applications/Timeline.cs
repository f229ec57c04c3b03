namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// What the partial <c>_Timeline</c> shows: the progress's stages and steps, each department named in the page's
/// language, and the application's id where the reader may sign a commitment online (null on the public look-up).
/// </summary>
public sealed record Timeline(ProgressView Progress, Func<string?, string> DepartmentName, Guid? ApplicationId);
