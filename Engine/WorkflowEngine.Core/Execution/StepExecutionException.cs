namespace WorkflowEngine.Core.Execution;

/// <summary>
/// An activity failed while the interpreter ran it (a condition that cannot be evaluated, a bug): names the node, so the
/// shell can raise an incident on the right step instead of leaving the application frozen.
/// </summary>
public sealed class StepExecutionException(string nodeId, string activityKey, Exception inner)
    : Exception($"步骤“{nodeId}”（{activityKey}）执行出错：{inner.Message}", inner)
{
    public string NodeId { get; } = nodeId;

    public string ActivityKey { get; } = activityKey;
}
