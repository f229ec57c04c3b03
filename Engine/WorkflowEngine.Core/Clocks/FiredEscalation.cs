namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// An escalation rule that was applied: the clock it watched (a stage's or step's id), the rule's place in its list
/// (from 0), and when. Kept in the application's state like <see cref="FiredWarning"/>, so each applies once for the
/// time it comes due: one applied before that time (an extension moved the card since) no longer counts.
/// </summary>
public sealed record FiredEscalation(string Clock, int Rule, DateTimeOffset At);
