namespace WorkflowEngine.Hosting.Api;

/// <summary>A task's supplement request (补正): when, what it asked for (<c>{ items, note }</c>), and when it was supplied.</summary>
public sealed record TaskSupplementDto(DateTimeOffset RequestedAt, System.Text.Json.Nodes.JsonNode? Request, DateTimeOffset? SuppliedAt);
