using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Core.Tests.Bugs;

/// <summary>
/// A material accepted late (容缺) that came after its steps were dispatched reached no department: the engine told
/// only steps it had held up (when overdue), and those only that their clock ran again.
/// </summary>
public sealed class Bug_10_LateMaterialReachesTheDepartments
{
    [Fact]
    public void SuppliedInTime_TheDepartmentHoldingAStepThatUsesIt_IsSentIt()
    {
        var h = DeferralWatchTests.Accepted();
        h.Now = DeferralWatchTests.Monday.AddHours(2);

        h.Apply(new DeferredMaterialSuppliedEvent("archives", "archives@v1", "zhangsan", h.Now));

        // The archives department holds a step using it; planning does not use it; registration is not dispatched yet
        // and gets it with its step.
        var sent = Assert.Single(h.Last!.Commands.OfType<AnnounceMaterial>());
        Assert.Equal(new AnnounceMaterial("archive", 1, "ARCH", "archives", "archives@v1"), sent);
    }

    [Fact]
    public void SuppliedWhenOverdue_TheDepartmentIsSentIt_AndItsClockRunsAgain()
    {
        var h = DeferralWatchTests.Accepted();
        h.Now = Catalog.Calendar.Add(DeferralWatchTests.Monday, WorkingTimeLimit.Days(3));
        h.FireTimer("deferred-materials", h.Definition.Flow.Id);
        h.Now = h.Now.AddHours(1);

        h.Apply(new DeferredMaterialSuppliedEvent("archives", "archives@v1", "zhangsan", h.Now));

        Assert.Single(h.Last!.Commands.OfType<AnnounceMaterial>(), a => a.StepId == "archive");
        Assert.Contains(h.Last!.Commands.OfType<AnnounceDue>(), d => d.StepId == "archive" && d.DueAt is not null);
    }
}
