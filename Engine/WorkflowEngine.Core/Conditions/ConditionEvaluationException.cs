namespace WorkflowEngine.Core.Conditions;

/// <summary>A condition that parsed but could not be evaluated over the given data (e.g. comparing text with a number).</summary>
public sealed class ConditionEvaluationException(string condition, Exception inner)
    : Exception($"条件 '{condition}' 无法求值：{inner.Message}", inner)
{
    public string Condition { get; } = condition;
}
