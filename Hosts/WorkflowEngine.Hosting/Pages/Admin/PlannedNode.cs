using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Hosting.Pages.Services;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// A part of a flow with the times it would run at if every step took its whole limit: where it starts, where its own
/// limit falls due (null without a limit) and when the next part can start.
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
    public IEnumerable<PlannedNode> DescendantsAndSelf() => Children.SelectMany(c => c.DescendantsAndSelf()).Prepend(this);
}
