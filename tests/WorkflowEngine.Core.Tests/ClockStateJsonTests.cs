using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Tests;

/// <summary>Clock logs survive the stored state: the due times derived after a restart are the ones derived before.</summary>
public sealed class ClockStateJsonTests
{
    [Fact]
    public void ClockLogs_RoundTripThroughTheStoredState()
    {
        var at = new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));
        ClockEvent[] log =
        [
            ClockEvent.Started(at),
            ClockEvent.Paused(at.AddHours(1), PauseReason.ExcludedPeriod, "专家评审", "samr-clerk"),
            ClockEvent.Resumed(at.AddDays(1)),
            ClockEvent.Extended(at.AddDays(2), "samr-supervisor", "需现场核查", WorkingTimeLimit.Days(10)),
            ClockEvent.Stopped(at.AddDays(3)),
        ];
        var state = new InstanceState { Clock = [.. log] };
        state.Nodes["licence"] = new NodeState { Clock = [.. log] };

        var read = InstanceStateJson.Deserialize(InstanceStateJson.Serialize(state));

        Assert.Equal(log, read.Clock);
        Assert.Equal(log, read.Nodes["licence"].Clock);
    }
}
