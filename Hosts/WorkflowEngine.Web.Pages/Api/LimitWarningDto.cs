namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A clock's card against one of its limits: <see cref="Limit"/> is <c>promised</c> (承诺时限) or <c>statutory</c>
/// (法定时限), <see cref="Warning"/> none, yellow (from <see cref="YellowAt"/>) or red (past <see cref="DueAt"/>),
/// <see cref="LeftHours"/> the office hours left (negative once passed), <see cref="Provisional"/> true while the due
/// time is counted through a year with no holiday arrangement loaded (暂定). The engine makes it from a clock's card
/// (LimitWarnings, in WorkflowEngine.Hosting).
/// </summary>
public sealed record LimitWarningDto(
    string Limit,
    string Allowed,
    string Warning,
    DateTimeOffset? DueAt,
    DateTimeOffset? YellowAt,
    decimal LeftHours,
    bool Provisional = false,
    string? ProvisionalReason = null);
