namespace WorkflowEngine.Contracts;

/// <summary>
/// On a <c>StepCompleted</c> (approved): the applicant signed the step's <see cref="CommitmentOffer"/> on paper at the
/// service window, witnessed by a clerk, and the step is approved on that commitment (告知承诺制) rather than on its
/// materials. The engine checks <see cref="TextSha256"/> against the definition's text. Added to version 1.
/// </summary>
public sealed record CommitmentSignature
{
    /// <summary>The signer's name as written on the paper.</summary>
    public required string SignerName { get; init; }

    /// <summary>The signer's identity document number as written on the paper (居民身份证号码).</summary>
    public required string SignerIdNumber { get; init; }

    public required DateTimeOffset SignedAt { get; init; }

    /// <summary>The <see cref="CommitmentOffer.TextSha256"/> of the text signed.</summary>
    public required string TextSha256 { get; init; }

    /// <summary>The clerk who witnessed the signing and keeps the paper.</summary>
    public required string WitnessedBy { get; init; }

    /// <summary>How it was signed: <see cref="CommitmentChannels.Window"/> (on paper at the window), the only one a department reports.</summary>
    public string Channel { get; init; } = CommitmentChannels.Window;
}
