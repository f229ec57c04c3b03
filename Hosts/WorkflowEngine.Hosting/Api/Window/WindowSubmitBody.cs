using System.Text.Json.Nodes;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>A submission at the window: the applicant's combined form and, in <c>applicant</c>, who walked in.</summary>
public sealed record WindowSubmitBody(string ServiceId, JsonObject? Form, WalkInApplicant Applicant);
