namespace WorkflowEngine.Hosting.Api;

/// <summary>The first line that breaks an audit chain: its row id, its position in the trail as stored (1 for the first line), and what is wrong with it.</summary>
public sealed record AuditBreakDto(long? LineId, long? Position, string Problem);
