namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// <c>GET /api/stats/compliance</c>: the figures of whole months in Asia/Shanghai, department steps and bundles grouped
/// by <see cref="GroupBy"/>, and the departments' open steps now.
/// </summary>
public sealed record ComplianceStatsDto(
    string From, string To, string TimeZone, string[] GroupBy, StatsFiguresDto[] Steps, StatsFiguresDto[] Bundles, OpenRiskDto[] Open);
