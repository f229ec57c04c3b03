using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Departments;

/// <summary><c>auto-approve</c>: approves at once with no outputs (告知承诺 steps, demo and benchmark flows).</summary>
public sealed class AutoApproveHandler : IAutomatedStepHandler
{
    public string Key => "auto-approve";

    public Task<AutomatedResult> HandleAsync(ExecuteStep step, CancellationToken cancellationToken) =>
        Task.FromResult(AutomatedResult.Approve());
}
