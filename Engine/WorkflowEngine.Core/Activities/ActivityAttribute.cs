namespace WorkflowEngine.Core.Activities;

/// <summary>Names an activity type: the key definition files use, its version and a one-line description.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string key) : Attribute
{
    public string Key { get; } = key;

    public int Version { get; init; } = 1;

    public string Description { get; init; } = "";

    /// <summary><see cref="Description"/> in English, for the English pages.</summary>
    public string DescriptionEn { get; init; } = "";

    /// <summary>Whether the node may have <c>steps</c>.</summary>
    public bool HasChildren { get; init; }

    /// <summary>Whether the node is a step users track (shown per step on the application, counted for compliance).</summary>
    public bool Tracked { get; init; }

    /// <summary>Whether the definition must give the node an explicit id (steps others refer to).</summary>
    public bool RequiresId { get; init; }
}
