namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): the applicant supplied every item of the step's supplement
/// request: <see cref="Materials"/> are the new versions, which the step's decision is now taken on. The step's clock
/// runs again: the message carries its new due time and revision, as a <see cref="StepDueChanged"/> would, and one
/// follows too. A department should take no decision on the step between its request and this message (it would be
/// taken on the old versions), and may ignore a StepDueChanged that resumes the clock before this message arrives.
/// Added in contract version 1 (additive; <see cref="DueAt"/> and <see cref="DueRevision"/> are additive to it).
/// </summary>
public sealed record StepSupplemented
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required Guid RequestId { get; init; }

    public required IReadOnlyList<MaterialVersion> Materials { get; init; }

    /// <summary>
    /// The form's answers the request asked to correct (its items with a <see cref="SupplementItem.Field"/>), as the
    /// applicant corrected them: they replace the values of <see cref="ExecuteStep.Form"/>. Absent when the request named
    /// no field. Added to version 1 (additive).
    /// </summary>
    public IReadOnlyList<FormAnswer>? Form { get; init; }

    public required DateTimeOffset SuppliedAt { get; init; }

    /// <summary>The step's due time now that its clock runs again (as in <see cref="StepDueChanged.DueAt"/>).</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>The revision of the step's clock that <see cref="DueAt"/> belongs to (as in <see cref="StepDueChanged.Revision"/>).</summary>
    public int? DueRevision { get; init; }

    /// <summary>Present when <see cref="DueAt"/> is provisional (as in <see cref="StepDueChanged.DueProvisional"/>). Added to version 1.</summary>
    public ProvisionalDueTime? DueProvisional { get; init; }

    /// <summary>
    /// The step's statutory due time (法定时限) now that its clock runs again, of the same <see cref="DueRevision"/> (as in
    /// <see cref="StepDueChanged.StatutoryDueAt"/>); absent for a step with no statutory limit. Added to version 1.
    /// </summary>
    public DateTimeOffset? StatutoryDueAt { get; init; }

    /// <summary>Present when <see cref="StatutoryDueAt"/> is provisional, as <see cref="DueProvisional"/> is for <see cref="DueAt"/>. Added to version 1.</summary>
    public ProvisionalDueTime? StatutoryDueProvisional { get; init; }
}
