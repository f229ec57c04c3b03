using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// A service that promises nothing shorter than the law (timeLimits with a statutory limit and no promised one) was
/// refused as "缺少承诺时限". Held to its statutory limit alone, the bundle's clock counts against that limit: its yellow
/// card comes at the default share (three quarters) of the statutory limit, its red at the statutory due time, each
/// once, and no promised card is ever given.
/// </summary>
public sealed class Bug_10_StatutoryOnlyBundleIsTimed
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Monday 2 March 2026, 09:00; the office closes for lunch from 12:00 to 13:30.</summary>
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, Cst);

    private const string Flow = """
        id: statutory-bundle
        title: 法定时限
        timeLimits: { statutory: { workingHours: 4 } }
        flow:
          id: licence
          activity: department-task
          title: 许可审查
          department: SAMR
          limit: { workingHours: 3 }
        """;

    [Fact]
    public void ABundleWithOnlyAStatutoryLimit_TurnsYellowAtThreeQuartersOfIt_AndRedAtIt_EachOnce()
    {
        var h = new FlowHarness(Catalog.Definition(Flow), start: Monday).Start();
        var bundle = ApplicationClocks.Of(h.Definition, h.State, Catalog.Activities).Single(c => c.Kind == ClockKind.Bundle);
        Assert.Null(bundle.Promised);
        Assert.Equal(WorkingTimeLimit.Hours(4), bundle.Statutory);

        // Three of four office hours from 09:00: yellow at 12:00; four, over the lunch break: red at 14:30.
        foreach (var at in new[] { Monday.AddHours(3), Monday.AddHours(3), Monday.AddHours(5.5), Monday.AddHours(6) })
        {
            h.Now = at;
            h.FireTimer("deadline-warnings", h.Definition.Flow.Id);
        }

        var cards = h.Audit.Where(a => a.Type == "DeadlineWarning" && a.StepId is null).ToList();
        Assert.Equal([("yellow", "statutory"), ("red", "statutory")], cards.Select(c => (c.Data!["level"], c.Data["limit"])));
        Assert.Equal(Monday.AddHours(5.5).ToString("O", System.Globalization.CultureInfo.InvariantCulture), cards[1].Data!["dueAt"]);
        Assert.DoesNotContain(h.Audit, a => a.Type == "DeadlineWarning" && a.Data!["limit"] == "promised" && a.StepId is null);
        Assert.Equal((null, Monday.AddHours(5.5)), ApplicationClocks.BundleDue(h.Definition, h.State, Catalog.Calendar));
    }
}
