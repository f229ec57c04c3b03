using System.Text.Json.Nodes;

namespace WorkflowEngine.Hosting.Api;

// Bodies read field by field (so that each wrong field gets its own problem) rather than bound to a type: these records
// only tell the API reference their shape (BodyRuleExtensions.Reads<T>).

/// <summary>
/// A combined application: the service and the answers to its one form, keyed by the form's field keys (GET
/// /api/services/{id}), and optionally the language of the applicant's e-mails and SMS (<c>zh-CN</c>, the default, or
/// <c>en</c>). As multipart, the same as the <c>application</c> part (JSON text) beside one part per material.
/// </summary>
public sealed record SubmitApplicationBody(string ServiceId, JsonObject? Form, string? Language = null);

/// <summary>Run the held events again; <c>migrateToVersion</c> moves the application to a later published version first.</summary>
public sealed record RetryIncidentBody(int? MigrateToVersion);

/// <summary>End the application instead, with the reason told to the applicant.</summary>
public sealed record CancelIncidentBody(string Reason);
