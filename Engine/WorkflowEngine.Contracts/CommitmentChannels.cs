namespace WorkflowEngine.Contracts;

/// <summary>Where an applicant signed a commitment (告知承诺书).</summary>
public static class CommitmentChannels
{
    /// <summary>On the citizen portal or the REST API, as the signed-in applicant.</summary>
    public const string Online = "online";

    /// <summary>On paper at the service window, witnessed by a clerk of the department.</summary>
    public const string Window = "window";
}
