namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A group of the steps open now, by the statistics' groupBy (the month is the one each step reached its department in):
/// how many, and how many on a red card (limit used up) and on a yellow one (warning share used, not yet red) against
/// the promised limit (<see cref="Overdue"/>, <see cref="AtRisk"/>) and against the statutory limit.
/// </summary>
public sealed record OpenRiskDto(
    string? Department,
    string? DepartmentName,
    string? ServiceId,
    string? ServiceTitle,
    string? Month,
    long Open,
    long Overdue,
    long AtRisk,
    long StatutoryOverdue,
    long StatutoryAtRisk);
