using System.Text.Json.Nodes;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// A submission at the window: the applicant's combined form, in <c>applicant</c> who walked in, and optionally the
/// language of the citizen's e-mails and SMS (<c>zh-CN</c>, the default, or <c>en</c>).
/// </summary>
public sealed record WindowSubmitBody(string ServiceId, JsonObject? Form, WalkInApplicant Applicant, string? Language = null);
