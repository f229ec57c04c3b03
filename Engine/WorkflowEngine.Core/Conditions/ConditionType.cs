namespace WorkflowEngine.Core.Conditions;

/// <summary>What a part of a condition evaluates to; <see cref="Unknown"/> is a name the form does not have (reported on its own).</summary>
internal enum ConditionType
{
    Unknown,
    Number,
    Text,
    Bool,
    Date,
}
