namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// What came of materials uploaded after submission: the application with them, or the materials refused because they
/// would replace a file departments may already have decided on.
/// </summary>
public sealed record AttachMaterialsResult(ApplicationRecord? Application, IReadOnlyList<string> RefusedKeys)
{
    public static AttachMaterialsResult Refused(ApplicationRecord application, IReadOnlyList<string> keys) => new(application, keys);

    /// <summary>Form fields the submission would correct that no open supplement request asks about (any more).</summary>
    public IReadOnlyList<string> RefusedFields { get; init; } = [];

    public bool IsRefused => RefusedKeys.Count > 0 || RefusedFields.Count > 0;
}
