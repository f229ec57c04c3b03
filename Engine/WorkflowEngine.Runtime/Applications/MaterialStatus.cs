namespace WorkflowEngine.Runtime.Applications;

/// <summary>Where each listed material of an application stands.</summary>
public sealed record MaterialStatus(string Key, string Name, bool Required, string Status, DateTimeOffset? DueBy, MaterialRecord? File);
