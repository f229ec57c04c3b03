using System.Text.Json.Nodes;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Definitions.Forms;

/// <summary>A combined form as submitted, with the day (Asia/Shanghai) it is checked on.</summary>
public sealed record FormSubmission(WorkflowDefinition Definition, JsonObject? Form, DateOnly Today);
