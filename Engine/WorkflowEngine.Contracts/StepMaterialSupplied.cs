namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): a material the step uses, which the application was accepted
/// without (容缺: <see cref="ExecuteStep.Materials"/> named it <c>deferred</c> or <c>overdue</c>), has come.
/// <see cref="Material"/> is it as <see cref="ExecuteStep.Materials"/> would name it now (status <c>received</c>, its
/// version, file and download path); a department puts it in the task's materials in place of the one of the same key,
/// and names that version in the step's <see cref="StepCompleted.Materials"/>. Added in contract version 1 (additive: a
/// department system that does not know it may ignore it, and its tasks then lack the file as before).
/// </summary>
public sealed record StepMaterialSupplied
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    public required MaterialReference Material { get; init; }

    public required DateTimeOffset SuppliedAt { get; init; }
}
