namespace WorkflowEngine.Hosting.Api;

/// <summary>The applicant withdraws the application (撤回申请); <c>reason</c> is optional, up to 500 characters (an empty body is no reason).</summary>
public sealed record WithdrawApplicationRequest(string? Reason);
