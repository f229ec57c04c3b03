namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The answer to a reissued query code (查询码补发): the tracking number, the new code — shown only in this answer, only
/// its hash is kept; the old code no longer works — when it was reissued (Asia/Shanghai), and where the citizen follows
/// the application with both.
/// </summary>
public sealed record QueryCodeReissuedDto(Guid ApplicationId, string TrackingNumber, string QueryCode, DateTimeOffset ReissuedAt, string TrackPath);
