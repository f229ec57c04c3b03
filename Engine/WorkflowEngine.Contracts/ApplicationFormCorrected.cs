using System.Text.Json;

namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): the applicant corrected answers of the combined form for a
/// supplement request (补正), of whichever department. Sent to every department holding a step of the application (open,
/// decided or recalled), so that none decides on an answer that no longer holds. <see cref="Form"/> is the whole form
/// after the correction, of <see cref="FormRevision"/>: keep it in place of the one held when that revision is higher
/// than the one held (a message may come late, or twice); keep each of <see cref="Corrections"/> for the clerks' pages
/// whatever the revision. Added in contract version 1 (additive).
/// </summary>
public sealed record ApplicationFormCorrected
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    /// <summary>The receiving department's code.</summary>
    public required string Department { get; init; }

    public string? TrackingNumber { get; init; }

    /// <summary>
    /// How many times the application's answers were corrected, this time included (1 for the first): the revision of
    /// <see cref="Form"/>, comparable with <see cref="ExecuteStep.FormRevision"/>.
    /// </summary>
    public required int FormRevision { get; init; }

    /// <summary>The whole combined form after the correction, as <see cref="ExecuteStep.Form"/> carries it.</summary>
    public required JsonElement Form { get; init; }

    /// <summary>The answers this correction changed, each with its value before and after.</summary>
    public required IReadOnlyList<FormCorrection> Corrections { get; init; }

    public required DateTimeOffset CorrectedAt { get; init; }
}
