namespace WorkflowEngine.Contracts;

/// <summary>
/// On an <c>ExecuteStep</c>: this dispatch is the verification (事后核查) of a step the engine approved on the
/// applicant's signed commitment (告知承诺制). The department checks the commitment was kept and decides the step as
/// usual: <c>approved</c> when it was (核查通过), <c>rejected</c> with the reason when it was not, which revokes the
/// approval. Added to version 1.
/// </summary>
public sealed record CommitmentVerification
{
    /// <summary>The commitment the applicant signed, word for word.</summary>
    public required string Text { get; init; }

    public required string SignedBy { get; init; }

    /// <summary>When the applicant signed, and the step was approved.</summary>
    public required DateTimeOffset SignedAt { get; init; }
}
