namespace WorkflowEngine.Activities;

/// <summary>A certificate handed out at unified issuance and the step whose approval grants it.</summary>
public sealed record CertificateSpec
{
    public string Name { get; init; } = "";

    /// <summary>The step id that grants the certificate; its reported outputs (licence number, …) go on it.</summary>
    public string From { get; init; } = "";
}
