namespace WorkflowEngine.Contracts;

/// <summary>
/// Engine → department (queue <c>dept.&lt;code&gt;</c>): the step's clock changed after its dispatch, so its due time
/// did too: an excluded period began (<see cref="PausedSince"/> set, <see cref="DueAt"/> absent while the clock stands
/// still) or ended, an approved extension was added, or an administrator loaded a holiday arrangement the due time
/// counts through (it may move, and stops being provisional). A department keeps the one with the highest
/// <see cref="Revision"/> for the step and ignores older ones, which may arrive later. Added in contract version 1
/// (additive: a department system that does not know it may ignore it, at the price of a stale due time).
/// </summary>
public sealed record StepDueChanged
{
    public int ContractVersion { get; init; } = 1;

    public required Guid ApplicationId { get; init; }

    public required string StepId { get; init; }

    public required int Attempt { get; init; }

    public required string Department { get; init; }

    /// <summary>Grows with every change of the step's clock.</summary>
    public required int Revision { get; init; }

    /// <summary>The new due time of the step's limit; absent while the clock is paused.</summary>
    public DateTimeOffset? DueAt { get; init; }

    /// <summary>
    /// Present when <see cref="DueAt"/> is provisional: counted through a year with no holiday arrangement loaded. Absent
    /// on the announcement after that year is loaded, which is how a department learns the due time is final. Added to version 1.
    /// </summary>
    public ProvisionalDueTime? DueProvisional { get; init; }

    /// <summary>
    /// The new due time of the step's statutory limit (<see cref="ExecuteStep.StatutoryLimit"/>), on the same clock as
    /// <see cref="DueAt"/>; absent while the clock is paused and for a step with no statutory limit. Added to version 1.
    /// </summary>
    public DateTimeOffset? StatutoryDueAt { get; init; }

    /// <summary>Present when <see cref="StatutoryDueAt"/> is provisional, as <see cref="DueProvisional"/> is for <see cref="DueAt"/>. Added to version 1.</summary>
    public ProvisionalDueTime? StatutoryDueProvisional { get; init; }

    /// <summary>Since when the clock stands still, while it does.</summary>
    public DateTimeOffset? PausedSince { get; init; }

    /// <summary>Why it stands still, in words the applicant reads (e.g. "专家评审：…").</summary>
    public string? PausedBecause { get; init; }

    /// <summary><see cref="PausedBecause"/> in English, where the engine has it (a clerk's own words stay as written). Added to version 1 (additive).</summary>
    public string? PausedBecauseEn { get; init; }

    /// <summary>
    /// While the clock stands still: what for — <c>supplement</c> (补正, waiting for the applicant), <c>excluded</c> (a
    /// period the limit does not count: testing, inspection, expert review, a hearing) or <c>material-overdue</c> (a
    /// material accepted late not supplied by its due time). Added to version 1 (additive).
    /// </summary>
    public string? PausedFor { get; init; }

    /// <summary>While an excluded period stands still: when it ends by itself, where the clerk gave its end. Added to version 1 (additive).</summary>
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>
    /// The version of the step's calendar (<see cref="ExecuteStep.CalendarId"/>) the engine counted this due time on; a
    /// new one after an administrator loaded a year. A department counting working time on a copy fetches it again.
    /// Added to version 1.
    /// </summary>
    public string? CalendarVersion { get; init; }

    /// <summary>
    /// The card the step's clock shows at <see cref="ChangedAt"/>, the worse against its limits: <c>none</c>, <c>yellow</c>
    /// or <c>red</c>. A department shows it in place of the card it held (an extension takes back a yellow or a red the
    /// step no longer deserves); a new <see cref="StepWarningRaised"/> comes when the step turns again. Absent from older
    /// engines. Added to version 1 (additive).
    /// </summary>
    public string? Card { get; init; }

    /// <summary>
    /// Which limit <see cref="Card"/> is against: <c>promised</c> or <c>statutory</c> (the promised one when both read the
    /// same), so that a department marks the card provisional as that limit's due time is (<see cref="DueProvisional"/>
    /// or <see cref="StatutoryDueProvisional"/>). Absent with <see cref="Card"/> <c>none</c> and from older engines. Added to version 1 (additive).
    /// </summary>
    public string? CardLimit { get; init; }

    public required DateTimeOffset ChangedAt { get; init; }
}
