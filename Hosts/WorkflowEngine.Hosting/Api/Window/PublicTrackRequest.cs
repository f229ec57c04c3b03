namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>The tracking number and the query code (查询码) of a receipt.</summary>
public sealed record PublicTrackRequest(string? TrackingNumber, string? QueryCode);
