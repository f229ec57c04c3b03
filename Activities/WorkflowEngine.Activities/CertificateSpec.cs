using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>A certificate handed out at unified issuance and the step whose approval grants it.</summary>
public sealed record CertificateSpec
{
    /// <summary>The name: a plain string (Chinese), or <c>{ zh, en }</c> for a reader of the English pages too.</summary>
    public LocalizedText Name { get; init; } = new("");

    /// <summary>The step id that grants the certificate; its reported outputs (licence number, …) go on it.</summary>
    public string From { get; init; } = "";
}
