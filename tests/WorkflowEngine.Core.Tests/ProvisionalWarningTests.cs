using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests;

/// <summary>
/// A card or an escalation warns of a due time; where that due time is counted through a year with no holiday
/// arrangement loaded (the shipped calendar ends with 2026), the department is told it is provisional (暂定), so that it
/// is marked on the task and in the supervisors' notice as everywhere else.
/// </summary>
public sealed class ProvisionalWarningTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Thursday 31 December 2026, 16:30: two office hours end on Friday 1 January 2027, a day 2027's arrangement may make a holiday.</summary>
    private static readonly DateTimeOffset NewYearsEve = new(2026, 12, 31, 16, 30, 0, Cst);

    /// <summary>Monday 2 March 2026, 09:00: two office hours end at 11:00 that day, on a year loaded.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    private const string Flow = """
        id: provisional-warn
        title: 测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: name, label: 名称, type: text }
        flow:
          activity: sequence
          steps:
            - id: licence
              activity: department-task
              title: 营业执照
              department: SAMR
              limit: { workingHours: 2 }
              escalation: [ { card: yellow, priority: high, supervise: true } ]
        """;

    /// <summary>Starts the flow at <paramref name="start"/> and lets the clock run to its yellow card, then its red.</summary>
    private static FlowHarness RunToRed(DateTimeOffset start)
    {
        var h = new FlowHarness(Catalog.Definition(Flow), start: start).Start();
        for (var i = 0; i < 2 && h.State.NextWarningAt is { } next; i++)
        {
            h.Now = next;
            h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
        }

        return h;
    }

    [Fact]
    public void ACardAndAnEscalation_OfADueTimeInAYearNotLoaded_AreToldAsProvisional_NamingTheYear()
    {
        var h = RunToRed(NewYearsEve);

        var cards = h.Commands.OfType<AnnounceWarning>().ToList();
        Assert.Equal([WarningLevel.Yellow, WarningLevel.Red], cards.Select(c => c.Level));
        Assert.All(cards, c => Assert.Equal(2027, c.DueAt.ToOffset(Cst).Year));
        Assert.All(cards, c => Assert.Equal([2027], c.Provisional?.MissingYears));
        var escalation = Assert.Single(h.Commands.OfType<AnnounceEscalation>());
        Assert.Equal([2027], escalation.Provisional?.MissingYears);
        Assert.Contains("2027", escalation.Provisional!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ACardAndAnEscalation_OfADueTimeInALoadedYear_AreNotProvisional()
    {
        var h = RunToRed(Monday);

        var cards = h.Commands.OfType<AnnounceWarning>().ToList();
        Assert.Equal([WarningLevel.Yellow, WarningLevel.Red], cards.Select(c => c.Level));
        Assert.All(cards, c => Assert.Null(c.Provisional));
        Assert.Null(Assert.Single(h.Commands.OfType<AnnounceEscalation>()).Provisional);
    }
}
