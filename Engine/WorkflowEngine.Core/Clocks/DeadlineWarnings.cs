using System.Text.Json.Serialization;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Clocks;

/// <summary>The electronic supervision's cards (红黄牌预警): yellow as a limit nears, red once it has passed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WarningLevel>))]
public enum WarningLevel
{
    None,
    Yellow,
    Red,
}

/// <summary>
/// A limit's warning level from how much of it a clock has used: yellow from <see cref="DefaultYellowShare"/> of the
/// allowance (the limit and its extensions), red at the due time. Time paused or excluded uses none of it, so a paused
/// clock keeps its level.
/// </summary>
public static class DeadlineWarnings
{
    /// <summary>Yellow at three quarters of the limit, the share supervision systems commonly use; a definition may set its own.</summary>
    public const double DefaultYellowShare = 0.75;

    /// <summary>The share of the bundle's limits that turns its clock yellow: <c>timeLimits.yellowShare</c>, else the default.</summary>
    public static double YellowShareOf(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return definition.Limits.YellowShare ?? DefaultYellowShare;
    }

    /// <summary>A step's or stage's share: its own <c>yellowShare</c>, else the definition's, else the default.</summary>
    public static double YellowShareOf(WorkflowDefinition definition, StepNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.YellowShare ?? YellowShareOf(definition);
    }

    /// <summary>A level as messages and the audit name it: <c>none</c>, <c>yellow</c>, <c>red</c>.</summary>
    public static string NameOf(WarningLevel level) => level switch
    {
        WarningLevel.Yellow => "yellow",
        WarningLevel.Red => "red",
        _ => "none",
    };

    public static WarningLevel Of(LimitExplanation explained, double yellowShare = DefaultYellowShare)
    {
        ArgumentNullException.ThrowIfNull(explained);
        var allowance = explained.Granted + explained.Extended;
        if (allowance <= TimeSpan.Zero)
        {
            return WarningLevel.None;
        }

        if (explained.Overdue || explained.Used >= allowance)
        {
            return WarningLevel.Red;
        }

        return explained.Used >= allowance * yellowShare ? WarningLevel.Yellow : WarningLevel.None;
    }
}
