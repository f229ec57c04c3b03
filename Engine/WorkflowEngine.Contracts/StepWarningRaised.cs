namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): the step's yellow or red card was given (红黄牌预警). Yellow
/// when three quarters of the step's limit is used, red when its due time has passed while the step is still open.
/// The engine gives each card of a step once; a department shows it on the task and, on red, tells the department's
/// supervisors. Added in contract version 1 (additive: a department system that does not know it may ignore it).
/// </summary>
public sealed record StepWarningRaised
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary><c>yellow</c> or <c>red</c>.</summary>
    public required string Level { get; init; }

    /// <summary>The limit warned of: <c>promised</c> (a step's own limit is its promised one).</summary>
    public required string Limit { get; init; }

    /// <summary>The due time the card warns of.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>
    /// Present when <see cref="DueAt"/> is provisional (暂定): counted through a year with no holiday arrangement loaded,
    /// so it may move once the year is loaded; absent when it is final. Added to version 1 (additive).
    /// </summary>
    public ProvisionalDueTime? DueProvisional { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    /// <summary>
    /// Absent for the step's own card. <c>stage</c> or <c>bundle</c>: the stage the step is part of, or the whole bundle
    /// (一件事), got its yellow or red card (<see cref="Level"/>); <see cref="Limit"/> and <see cref="DueAt"/> are that
    /// clock's. The step's own card does not change; the department's supervisors should be told. Added in version 1
    /// (additive; so is the yellow one: earlier engines sent only the red).
    /// </summary>
    public string? Scope { get; init; }

    /// <summary>The stage's or the bundle's title, with <see cref="Scope"/>.</summary>
    public string? ScopeTitle { get; init; }

    /// <summary><see cref="ScopeTitle"/> in English, where the definition gives it. Added to version 1; absent from older engines (show the Chinese then).</summary>
    public string? ScopeTitleEn { get; init; }

    /// <summary>
    /// Present only on a bundle's card sent to the department that approves the bundle's extensions
    /// (<c>timeLimits.extension.approver</c>) and holds no open step of it: <see cref="Attempt"/> is then 0 and
    /// <see cref="StepId"/> the flow's id — no task of yours; tell the supervisors, naming the application by this
    /// number. Added to version 1 (additive).
    /// </summary>
    public string? TrackingNumber { get; init; }
}
