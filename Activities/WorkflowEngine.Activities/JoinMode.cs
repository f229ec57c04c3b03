namespace WorkflowEngine.Activities;

/// <summary>When a parallel block is done: every branch, the first one, or N of M.</summary>
public enum JoinMode
{
    All,
    Any,
    NOfM,
}
