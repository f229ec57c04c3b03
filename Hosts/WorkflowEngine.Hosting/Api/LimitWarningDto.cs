using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A clock's card against one of its limits: <see cref="Limit"/> is <c>promised</c> (承诺时限) or <c>statutory</c>
/// (法定时限), <see cref="Warning"/> none, yellow (from <see cref="YellowAt"/>) or red (past <see cref="DueAt"/>),
/// <see cref="LeftHours"/> the office hours left (negative once passed), <see cref="Provisional"/> true while the due
/// time is counted through a year with no holiday arrangement loaded (暂定).
/// </summary>
public sealed record LimitWarningDto(
    string Limit,
    string Allowed,
    string Warning,
    DateTimeOffset? DueAt,
    DateTimeOffset? YellowAt,
    decimal LeftHours,
    bool Provisional = false,
    string? ProvisionalReason = null)
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
