namespace WorkflowEngine.Hosting.Api;

/// <summary>One material a supplement request asks for: its key (the upload's field name), its name, and what to put right.</summary>
public sealed record SupplementItemDto(string Material, string Name, string Reason);
