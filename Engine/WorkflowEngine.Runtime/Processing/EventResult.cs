namespace WorkflowEngine.Runtime.Processing;

/// <summary>What became of an event handed to the engine.</summary>
public enum EventResult
{
    Applied,

    /// <summary>The message id was consumed before: nothing was done again.</summary>
    Duplicate,
}
