namespace WorkflowEngine.Contracts;

/// <summary>
/// On an <c>ExecuteStep</c>: the step may be approved on the applicant's written commitment (告知承诺制). An applicant who
/// signs this text on paper at the service window lets the clerk approve the step on it; the completion then carries
/// a <see cref="CommitmentSignature"/> with <see cref="TextSha256"/>. Added to version 1.
/// </summary>
public sealed record CommitmentOffer
{
    /// <summary>The commitment (告知承诺书), word for word, as the applicant signs it.</summary>
    public required string Text { get; init; }

    /// <summary>The SHA-256 of the text's UTF-8, lower-case hex: what the signature must name.</summary>
    public required string TextSha256 { get; init; }

    /// <summary>How long after the approval the department's verification task (事后核查) comes, as users read it ("60 个工作日").</summary>
    public string? VerifyWithin { get; init; }

    /// <summary>The same in English ("60 working days"), for a department's English pages. Added to version 1 (additive); absent from older engines.</summary>
    public string? VerifyWithinEn { get; init; }
}
