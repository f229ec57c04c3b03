using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// A clock read against both of its limits at once: each card is the one <see cref="DeadlineWarnings"/> gives, and a
/// card against the statutory limit outranks one of the same colour against the promised limit.
/// </summary>
public sealed class ClockCardsTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly WorkingCalendar Calendar = Catalog.Calendar;

    // The licence: 2 working hours promised, 3 working days statutory, started Monday 2 March 2026 at 09:00.
    private static readonly Clock Licence = new(
        ClockKind.Step, "business-licence", "营业执照", WorkingTimeLimit.Hours(2), WorkingTimeLimit.Days(3),
        [ClockEvent.Started(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Cst))]);

    [Theory]
    [InlineData(2, 10, 0, "None", null)]
    [InlineData(2, 11, 0, "Red", "promised")]
    // The 3 working days count from the close of Monday: three quarters of their 21 office hours are used by Thursday
    // 5 March at 10:45 (Tuesday 7, Wednesday 7, Thursday 09:00–10:45).
    [InlineData(5, 10, 44, "Red", "promised")]
    public void WithinItsStatutoryLimit_TheLicenceIsOnACardAgainstItsPromiseOnly(int day, int hour, int minute, string promised, string? mostUrgent)
    {
        var cards = ClockCards.Of(Licence, Calendar, new DateTimeOffset(2026, 3, day, hour, minute, 0, Cst));

        Assert.Equal((promised, WarningLevel.None), (cards.Promised!.Level.ToString(), cards.Statutory!.Level));
        Assert.Equal(mostUrgent, cards.MostUrgent?.Limit);
    }

    [Fact]
    public void PastItsStatutoryLimit_TheStatutoryCardIsTheMostUrgent_AndTheWorseLevelIsRed()
    {
        // Statutory yellow from Thursday 5 March 10:45, red from its close at 17:30.
        var yellow = ClockCards.Of(Licence, Calendar, new DateTimeOffset(2026, 3, 5, 10, 45, 0, Cst));
        var red = ClockCards.Of(Licence, Calendar, new DateTimeOffset(2026, 3, 5, 17, 30, 0, Cst));

        Assert.Equal((WarningLevel.Yellow, WarningLimits.Promised), (yellow.Statutory!.Level, yellow.MostUrgent!.Limit));
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 10, 45, 0, Cst), yellow.Statutory.YellowAt);
        Assert.Equal((WarningLevel.Red, WarningLimits.Statutory), (red.Level, red.MostUrgent!.Limit));
        Assert.Equal([WarningLimits.Statutory, WarningLimits.Promised], red.Given.Select(c => c.Limit));
        Assert.True(red.Urgency > yellow.Urgency);
    }

    [Fact]
    public void EachCard_IsTheOneDeadlineWarningsGives_ForThatLimit()
    {
        var now = new DateTimeOffset(2026, 3, 4, 10, 0, 0, Cst);
        var cards = ClockCards.Of(Licence, Calendar, now);

        Assert.Equal(DeadlineWarnings.Of(ClockArithmetic.Explain(Licence.Timeline, WorkingTimeLimit.Days(3), Calendar, now)), cards.Statutory!.Level);
        Assert.Equal(DeadlineWarnings.Of(ClockArithmetic.Explain(Licence.Timeline, WorkingTimeLimit.Hours(2), Calendar, now)), cards.Promised!.Level);
    }

    [Theory]
    [InlineData(2, 10, 0)]
    [InlineData(2, 10, 30)]
    [InlineData(2, 11, 0)]
    [InlineData(5, 10, 44)]
    [InlineData(5, 10, 45)]
    [InlineData(5, 17, 29)]
    [InlineData(5, 17, 30)]
    [InlineData(9, 9, 0)]
    public void TheTurns_GiveTheSameCardAsReadingTheClock_ForEachLimit(int day, int hour, int minute)
    {
        var now = new DateTimeOffset(2026, 3, day, hour, minute, 0, Cst);
        var cards = ClockCards.Of(Licence, Calendar, now);

        Assert.Equal(cards.Promised!.Level, LevelByTurns(ClockCards.Turns(Licence.Timeline, WorkingTimeLimit.Hours(2), Calendar, Licence.YellowShare), now));
        Assert.Equal(cards.Statutory!.Level, LevelByTurns(ClockCards.Turns(Licence.Timeline, WorkingTimeLimit.Days(3), Calendar, Licence.YellowShare), now));
    }

    [Fact]
    public void APausedClock_TurnsNoColourItHadNotReachedBeforeThePause()
    {
        var paused = new Clock(
            ClockKind.Step, "business-licence", "营业执照", WorkingTimeLimit.Hours(2), WorkingTimeLimit.Days(3),
            [ClockEvent.Started(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Cst)), ClockEvent.Paused(new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst), PauseReason.SupplementRequested, "补正")]);

        Assert.Equal((null, null), ClockCards.Turns(paused.Timeline, WorkingTimeLimit.Hours(2), Calendar, paused.YellowShare));
        Assert.Equal(WarningLevel.None, ClockCards.Of(paused, Calendar, new DateTimeOffset(2026, 3, 20, 9, 0, 0, Cst)).Level);
    }

    private static WarningLevel LevelByTurns((DateTimeOffset? YellowAt, DateTimeOffset? RedAt) turns, DateTimeOffset now) =>
        turns.RedAt <= now ? WarningLevel.Red : turns.YellowAt <= now ? WarningLevel.Yellow : WarningLevel.None;
}
