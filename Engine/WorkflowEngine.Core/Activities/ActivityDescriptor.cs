namespace WorkflowEngine.Core.Activities;

/// <summary>The metadata of an activity type, read from its <see cref="ActivityAttribute"/>.</summary>
public sealed record ActivityDescriptor(
    string Key,
    int Version,
    string Description,
    bool HasChildren,
    bool Tracked,
    bool RequiresId,
    Type SettingsType)
{
    /// <summary><see cref="Description"/> in English; empty where the activity gives none.</summary>
    public string DescriptionEn { get; init; } = "";
}
