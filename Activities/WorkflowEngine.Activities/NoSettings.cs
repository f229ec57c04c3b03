namespace WorkflowEngine.Activities;

/// <summary>The settings of an activity that takes none beyond the common id, title, when and steps.</summary>
public sealed record NoSettings;
