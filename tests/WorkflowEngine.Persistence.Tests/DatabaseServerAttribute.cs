namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// Marks a store suite that needs a database server, named by an environment variable holding an admin connection
/// string; its <see cref="StoreFactAttribute"/> tests are reported as skipped, with <see cref="SkipReason"/>, where the
/// variable is not set.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DatabaseServerAttribute(string variable, string skipReason) : Attribute
{
    public string Variable { get; } = variable;

    public string SkipReason { get; } = skipReason;
}
