using System.Security.Cryptography;
using System.Text;
using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>
/// A department step that may be approved on the applicant's written commitment (告知承诺制): the text the applicant
/// signs, how long after the approval the department verifies it (事后核查), and what a failed verification does.
/// </summary>
public sealed record CommitmentRules
{
    /// <summary>The longest wait before a verification the format accepts: about a year of working days.</summary>
    public static readonly WorkingTimeLimit LongestVerifyWithin = WorkingTimeLimit.Days(250);

    /// <summary>The commitment the applicant signs (告知承诺书), word for word.</summary>
    public string Text { get; init; } = "";

    /// <summary>How long after the approval the department's verification task comes.</summary>
    public WorkingTimeLimit? VerifyWithin { get; init; }

    /// <summary>
    /// How long the department has to decide the verification task once it comes (its promised limit); null: the step's
    /// own limits, promised and statutory, as for the examination it replaces.
    /// </summary>
    public WorkingTimeLimit? VerificationLimit { get; init; }

    /// <summary>What a failed verification does beyond revoking the approval.</summary>
    public CommitmentFailure OnFailure { get; init; } = CommitmentFailure.RevokeStep;

    /// <summary>The SHA-256 of the text's UTF-8, lower-case hex: what a signature records, so the signed words can be proved later.</summary>
    public string TextSha256 => Sha256Of(Text);

    public static string Sha256Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
