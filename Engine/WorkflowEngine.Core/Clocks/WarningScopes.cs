namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// Whose yellow or red card a department is told of besides its step's own: the stage the step is part of, or the whole bundle
/// (一件事). Each reaches every department still holding a step under it, for its supervisors.
/// </summary>
public static class WarningScopes
{
    public const string Stage = "stage";
    public const string Bundle = "bundle";
}
