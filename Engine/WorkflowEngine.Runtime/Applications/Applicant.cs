namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Who submits: the signed-in citizen or company agent; or, with <paramref name="Intake"/>, a citizen who walked in,
/// whose application the window staff submit and who holds no account.
/// </summary>
public sealed record Applicant(string Id, string? Name, WalkInIntake? Intake = null);
