namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// A yellow or red card that was given: which clock (the bundle's id, or a stage's or step's), against which limit
/// (<see cref="WarningLimits"/>), when, and the due time it warned of. Kept in the application's state, so that each
/// fires exactly once however often the engine looks, whichever engine process looks, and across restarts.
/// </summary>
public sealed record FiredWarning(string Clock, string Limit, WarningLevel Level, DateTimeOffset At, DateTimeOffset DueAt);
