namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// What came of materials uploaded after submission: the application with them, or the materials refused because they
/// would replace a file departments may already have decided on.
/// </summary>
public sealed record AttachMaterialsResult(ApplicationRecord? Application, IReadOnlyList<string> RefusedKeys)
{
    public static AttachMaterialsResult Refused(ApplicationRecord application, IReadOnlyList<string> keys) => new(application, keys);

    public bool IsRefused => RefusedKeys.Count > 0;
}
