using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// One limit of a previewed part and where it falls due; <see cref="Provisional"/> true (暂定) when the counting passes a
/// year with no holiday arrangement loaded, <see cref="ProvisionalReason"/> then naming the calendar and the years.
/// </summary>
public sealed record PlannedDueDto(string Limit, DateTimeOffset DueAt, bool Provisional, string? ProvisionalReason, IReadOnlyList<int>? ProvisionalYears)
{
    public static PlannedDueDto? Optional(PlannedDue? planned) => planned is null
        ? null
        : new PlannedDueDto(planned.Limit.ToString(), ChinaTime.ToLocal(planned.DueAt), planned.Provisional is not null, planned.Provisional?.Reason,
            planned.Provisional?.MissingYears);
}
