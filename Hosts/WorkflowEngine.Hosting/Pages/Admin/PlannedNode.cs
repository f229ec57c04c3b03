using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Pages.Services;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// A part of a flow with the times it would run at if every step took its whole limit: where it starts, where its own
/// limit falls due (null without a limit) and when the next part can start; where it has a statutory limit too, where
/// that falls due from the same start. Each due time carries its 暂定 mark where the counting passes a year with no
/// holiday arrangement loaded.
/// </summary>
public sealed record PlannedNode(
    string Id,
    NoticeStepKind Kind,
    string Title,
    string? Department,
    WorkingTimeLimit? Limit,
    string? LimitText,
    string? Condition,
    DateTimeOffset Start,
    DateTimeOffset? Due,
    DateTimeOffset End,
    IReadOnlyList<PlannedNode> Children)
{
    /// <summary>The promised limit and where it falls due (<see cref="Due"/>), with its 暂定 mark; null without a limit.</summary>
    public PlannedDue? Promised { get; init; }

    /// <summary>The statutory limit (<c>statutoryLimit</c>) and where it falls due; null where the definition gives none.</summary>
    public PlannedDue? Statutory { get; init; }

    public string? StatutoryLimitText { get; init; }

    public IEnumerable<PlannedNode> DescendantsAndSelf() => Children.SelectMany(c => c.DescendantsAndSelf()).Prepend(this);
}
