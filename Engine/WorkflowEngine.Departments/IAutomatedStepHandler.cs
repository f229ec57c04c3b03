using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Departments;

/// <summary>
/// Decides a step without a clerk (a data-sharing lookup, a rule check). Registered on a department host by its key;
/// a definition's <c>handler:</c> names the key. A redelivered step may run it again, so it must be idempotent.
/// </summary>
public interface IAutomatedStepHandler
{
    string Key { get; }

    Task<AutomatedResult> HandleAsync(ExecuteStep step, CancellationToken cancellationToken);
}
