namespace WorkflowEngine.Contracts;

/// <summary>One version of a material, as a department decided on it: its key, version number and content hash.</summary>
public sealed record MaterialVersion
{
    public required string Key { get; init; }

    public required int Version { get; init; }

    public required string Sha256 { get; init; }
}
