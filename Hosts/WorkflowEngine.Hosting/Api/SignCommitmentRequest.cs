namespace WorkflowEngine.Hosting.Api;

/// <summary>The applicant signs a step's commitment (告知承诺书): <c>accept</c> must be true; <c>textSha256</c> is the hash of the text read, if the client has it.</summary>
public sealed record SignCommitmentRequest(string? Step, bool? Accept, string? TextSha256);
