using WorkflowEngine.Runtime.Processing;

namespace WorkflowEngine.Runtime.Timers;

/// <summary>Wakes the timer poller when a commit scheduled a timer, so it need not poll often.</summary>
public sealed class TimerSignal : WakeSignal;
