namespace WorkflowEngine.Contracts;

/// <summary>
/// A correction of the application's answers (补正) made before a step was sent (<see cref="ExecuteStep.EarlierCorrections"/>):
/// what <see cref="ApplicationFormCorrected"/> told the departments holding a step then, less the whole form, which the
/// step carries in its newest revision.
/// </summary>
public sealed record EarlierFormCorrection
{
    /// <summary>The revision this correction made (1 for the first), as <see cref="ApplicationFormCorrected.FormRevision"/>.</summary>
    public required int FormRevision { get; init; }

    /// <summary>The answers it changed, each with its value before and after.</summary>
    public required IReadOnlyList<FormCorrection> Corrections { get; init; }

    public required DateTimeOffset CorrectedAt { get; init; }
}
