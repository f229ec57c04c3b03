namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): an escalation rule of the definition applies to the step
/// (升级督办) — its yellow or red card came, and, if the rule says so, a further working time passed without a decision.
/// A department puts the task at <see cref="Priority"/> in its queue (never lowering it) and, with
/// <see cref="Supervise"/>, marks it supervised and tells its supervisors. The engine applies each rule of a step once.
/// Added in contract version 1 (additive: a department system that does not know it may ignore it).
/// </summary>
public sealed record StepEscalated
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>The clock whose card the rule follows: the step's own id, or its stage's.</summary>
    public required string Clock { get; init; }

    /// <summary>The rule's place in its list, from 1.</summary>
    public required int Rule { get; init; }

    /// <summary><c>yellow</c> or <c>red</c>: the card the rule follows.</summary>
    public required string Card { get; init; }

    /// <summary><c>high</c> (加急) or <c>urgent</c> (特急); absent when the rule does not raise the priority.</summary>
    public string? Priority { get; init; }

    /// <summary>The department's supervisors supervise the step (督办).</summary>
    public required bool Supervise { get; init; }

    /// <summary>Why, in the supervisor's words (e.g. 红牌（超过办理时限）后 1 个工作日仍未办结).</summary>
    public required string Reason { get; init; }

    /// <summary>The same in English, for a supervisor reading the English pages; absent from older engines (show <see cref="Reason"/> then). Added to version 1 (additive).</summary>
    public string? ReasonEn { get; init; }

    /// <summary>The step's (or stage's) due time when the rule applied.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>
    /// Present when <see cref="DueAt"/> is provisional (暂定), as <see cref="StepWarningRaised.DueProvisional"/>; absent
    /// when it is final. Added to version 1 (additive).
    /// </summary>
    public ProvisionalDueTime? DueProvisional { get; init; }

    public required DateTimeOffset EscalatedAt { get; init; }
}
