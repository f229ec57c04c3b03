using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// A clock's cards against its promised and its statutory limit as of an instant (either absent where the clock has no
/// such limit): the one reading of a clock that every view of a warning takes — the application, the clocks, the
/// supervisors' list — so that they agree with each other and with the cards <see cref="DeadlineWarnings"/> gives.
/// </summary>
public sealed record ClockCards(LimitCard? Promised, LimitCard? Statutory)
{
    /// <summary>The worse of the two cards.</summary>
    public WarningLevel Level => (WarningLevel)Math.Max((int)(Promised?.Level ?? WarningLevel.None), (int)(Statutory?.Level ?? WarningLevel.None));

    /// <summary>The card that makes the clock most urgent (<see cref="LimitCard.Urgency"/>); null while neither is yellow or red.</summary>
    public LimitCard? MostUrgent => new[] { Statutory, Promised }.Where(c => c is { Urgency: > 0 }).MaxBy(c => c!.Urgency);

    /// <summary>The limits on a yellow or red card, most urgent first.</summary>
    public IReadOnlyList<LimitCard> Given => [.. new[] { Statutory, Promised }.OfType<LimitCard>().Where(c => c.Urgency > 0).OrderByDescending(c => c.Urgency)];

    /// <summary>The clock's urgency: its most urgent card's; 0 while neither limit is yellow or red.</summary>
    public int Urgency => MostUrgent?.Urgency ?? 0;

    public static ClockCards Of(Clock clock, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new ClockCards(
            clock.Promised is { } promised ? Card(clock, WarningLimits.Promised, promised, calendar, now) : null,
            clock.Statutory is { } statutory ? Card(clock, WarningLimits.Statutory, statutory, calendar, now) : null);
    }

    /// <summary>
    /// When the card against <paramref name="limit"/> turns yellow and when red, as the clock's log stands: the card read
    /// at any later instant is red from <c>RedAt</c> on, yellow from <c>YellowAt</c> until then, none before. Either is
    /// null while the clock is paused short of it (a paused clock uses no time). What a stored reading of the clock (the
    /// statistics' open steps) compares the time of asking with.
    /// </summary>
    public static (DateTimeOffset? YellowAt, DateTimeOffset? RedAt) Turns(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar, double yellowShare) =>
        (YellowAt(timeline, limit, calendar, yellowShare), RedAt(timeline, limit, calendar));

    /// <summary>When the card against <paramref name="limit"/> turns yellow (<see cref="Turns"/>).</summary>
    public static DateTimeOffset? YellowAt(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar, double yellowShare) =>
        ClockArithmetic.ShareReachedAt(timeline, limit, calendar, yellowShare);

    /// <summary>When the card against <paramref name="limit"/> turns red (<see cref="Turns"/>).</summary>
    public static DateTimeOffset? RedAt(ClockTimeline timeline, WorkingTimeLimit limit, WorkingCalendar calendar) =>
        ClockArithmetic.DueAt(timeline, limit, calendar, resumeAt: null);

    private static LimitCard Card(Clock clock, string name, WorkingTimeLimit limit, WorkingCalendar calendar, DateTimeOffset now)
    {
        var explained = ClockArithmetic.Explain(clock.Timeline, limit, calendar, now);
        return new LimitCard(
            name,
            DeadlineWarnings.Of(explained, clock.YellowShare),
            Turns(clock.Timeline, limit, calendar, clock.YellowShare).YellowAt,
            explained);
    }
}
