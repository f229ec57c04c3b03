using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Hosting.Api;

/// <summary>A clock's card against one of its limits (<see cref="LimitCard"/>) as the API and the pages show it.</summary>
public static class LimitWarnings
{
    public static LimitWarningDto From(LimitCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var explained = card.Explained;
        return new LimitWarningDto(
            card.Limit,
            explained.Limit.ToString(),
            ApiNames.Of(card.Level),
            ChinaTime.ToLocal(explained.DueAt),
            ChinaTime.ToLocal(card.YellowAt),
            Math.Round((decimal)explained.Left.TotalHours, 2),
            explained.Provisional is not null,
            explained.Provisional?.Reason);
    }

    /// <summary>The card of a limit the clock may not have: null where it has none.</summary>
    public static LimitWarningDto? Optional(LimitCard? card) => card is null ? null : From(card);
}
