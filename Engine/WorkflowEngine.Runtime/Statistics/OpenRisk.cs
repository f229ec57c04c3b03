namespace WorkflowEngine.Runtime.Statistics;

/// <summary>
/// A group of the steps waiting on their departments now (<see cref="Key"/>: by department, service and the month each
/// reached its department, as grouped): how many, and how many are on a card against each limit — red (its limit used
/// up) and yellow (its warning share used, not yet red) against the promised limit (承诺时限), and the same against the
/// statutory one (法定时限) for the steps that have one. The cards are the clocks' own (<c>ClockCards.Turns</c>).
/// </summary>
public sealed record OpenRisk(ComplianceKey Key, long Open, long Overdue, long AtRisk, long StatutoryOverdue, long StatutoryAtRisk);
