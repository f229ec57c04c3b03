namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// 按承诺审批: the applicant signed the step's commitment on paper at the window — their name and identity number as
/// written on it, and the clerk's confirmation (<c>paperSigned: true</c>) that the paper was signed before them.
/// </summary>
public sealed record ApproveOnCommitmentRequest(string? SignerName, string? SignerIdNumber, bool? PaperSigned);
