namespace WorkflowEngine.Runtime.Monitoring;

/// <summary>What is stuck right now; any of it makes the host degraded.</summary>
public sealed record StuckWorkCounts(int UnacknowledgedSteps, int OverdueOutbox, int OpenIncidents, int FailedMessages)
{
    public static StuckWorkCounts None { get; } = new(0, 0, 0, 0);

    public bool Any => UnacknowledgedSteps + OverdueOutbox + OpenIncidents + FailedMessages > 0;
}
