namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// The body of <c>POST /api/applications/{id}/query-code</c>: <c>identityChecked</c> must be true — the staff member
/// checked the citizen's identity document (original) in person.
/// </summary>
public sealed record ReissueQueryCodeRequest(bool? IdentityChecked);
