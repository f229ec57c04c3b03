namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// One limit of a clock read as of an instant: which limit (<see cref="WarningLimits"/>), its card
/// (<see cref="DeadlineWarnings.Of"/>), when it turns yellow, and how its due time comes about.
/// </summary>
public sealed record LimitCard(string Limit, WarningLevel Level, DateTimeOffset? YellowAt, LimitExplanation Explained)
{
    /// <summary>
    /// How urgent the card is, higher first: a red card before any yellow, and at the same colour the statutory limit
    /// before the promised one (passing the law's limit is graver than passing the government's promise). 0 for none.
    /// </summary>
    public int Urgency => Level switch
    {
        WarningLevel.Red => Limit == WarningLimits.Statutory ? 4 : 3,
        WarningLevel.Yellow => Limit == WarningLimits.Statutory ? 2 : 1,
        _ => 0,
    };
}
