namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>A citizen or company who walked in, as the window staff entered them (<see cref="WalkInApplicantInput"/>).</summary>
public sealed record WalkInApplicant(string Name, string IdType, string IdNumber, string Phone);
