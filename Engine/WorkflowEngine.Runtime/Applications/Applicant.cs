namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// Who submits: the signed-in citizen or company agent; or, with <paramref name="Intake"/>, a citizen who walked in,
/// whose application the window staff submit and who holds no account. <paramref name="Language"/> is the one the
/// applicant is written to in (<see cref="ApplicantLanguages"/>).
/// </summary>
public sealed record Applicant(string Id, string? Name, WalkInIntake? Intake = null, string Language = ApplicantLanguages.Chinese);
