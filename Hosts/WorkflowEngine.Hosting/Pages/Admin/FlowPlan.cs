using System.Globalization;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Pages.Services;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// A definition's flow laid out in time from a chosen start, on the definition's own calendar and the arithmetic of a
/// running clock (<see cref="PlannedDue"/>): steps in order start when the one before falls due on its promised limit,
/// steps side by side start together, and a part ends when its slowest branch does. Each part's statutory limit, where
/// it has one, is counted from the same start. Every step that may run
/// is counted, conditional ones and every branch of a choice included, so the plan is the latest the flow may take.
/// The critical path is the chain of steps that sets that end.
/// </summary>
public sealed class FlowPlan
{
    private FlowPlan(PlannedNode root, IReadOnlySet<string> critical, WorkingCalendar calendar, DateTimeOffset start,
        PlannedDue? promisedDue, PlannedDue? statutoryDue, string? promised, string? statutory)
    {
        Root = root;
        Critical = critical;
        Calendar = calendar;
        Start = start;
        Promised = promisedDue;
        Statutory = statutoryDue;
        PromisedText = promised;
        StatutoryText = statutory;
    }

    public PlannedNode Root { get; }

    /// <summary>The ids of the parts on the critical path.</summary>
    public IReadOnlySet<string> Critical { get; }

    public WorkingCalendar Calendar { get; }

    public DateTimeOffset Start { get; }

    /// <summary>When the last step falls due if every step takes its whole limit.</summary>
    public DateTimeOffset End => Root.End;

    /// <summary>The bundle's promised limit and where it falls due; null where the definition gives none.</summary>
    public PlannedDue? Promised { get; }

    /// <summary>The bundle's statutory limit and where it falls due; null where the definition gives none.</summary>
    public PlannedDue? Statutory { get; }

    public DateTimeOffset? PromisedDue => Promised?.DueAt;

    public DateTimeOffset? StatutoryDue => Statutory?.DueAt;

    public string? PromisedText { get; }

    public string? StatutoryText { get; }

    /// <summary>True when the steps' own limits, one after another, run past the bundle's promised (or statutory) limit.</summary>
    public bool ExceedsBundle => (PromisedDue ?? StatutoryDue) is { } due && End > due;

    public static FlowPlan Of(WorkflowDefinition definition, ActivityRegistry activities, ReferenceData reference, DateTimeOffset start)
    {
        var text = PageText.Current;
        var calendar = reference.Calendars.TryGetValue(definition.CalendarId, out var own) ? own : reference.Calendars.Values.First();
        var culture = text.IsEnglishText ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN");
        var root = Plan(definition.Flow, start, definition, activities, reference, calendar, text, culture);
        var critical = new HashSet<string>(StringComparer.Ordinal);
        MarkCritical(root, critical);
        var promised = definition.Limits.Promised;
        var statutory = definition.Limits.Statutory;
        return new FlowPlan(
            root,
            critical,
            calendar,
            start,
            promised is null ? null : PlannedDue.Of(promised, calendar, start),
            statutory is null ? null : PlannedDue.Of(statutory, calendar, start),
            promised is null ? null : text.Of(promised),
            statutory is null ? null : text.Of(statutory));
    }

    private static PlannedNode Plan(
        StepNode node, DateTimeOffset start, WorkflowDefinition definition, ActivityRegistry activities, ReferenceData reference,
        WorkingCalendar calendar, PageText text, CultureInfo culture)
    {
        var activity = activities.TryGet(node.ActivityKey, out var known) ? known : null;
        var limit = activity?.PromisedLimitOf(node);
        var promised = limit is null ? null : PlannedDue.Of(limit, calendar, start);
        // As the engine times it: a statutory limit on a timed node, beside a promised one or alone.
        var statutory = activity?.LimitOf(node) is null || node.StatutoryLimit is not { } law ? null : PlannedDue.Of(law, calendar, start);
        var due = promised?.DueAt ?? statutory?.DueAt;
        var kind = NoticeStep.KindOf(node);
        var children = new List<PlannedNode>(node.Children.Count);
        var end = start;
        foreach (var child in node.Children)
        {
            var childStart = kind is NoticeStepKind.InParallel or NoticeStepKind.OneOf ? start : end;
            var planned = Plan(child, childStart, definition, activities, reference, calendar, text, culture);
            children.Add(planned);
            end = planned.End > end ? planned.End : end;
        }

        if (kind == NoticeStepKind.Step)
        {
            end = due ?? start;
        }

        return new PlannedNode(
            node.Id,
            kind,
            node.Title is { } title ? text.Of(title) : UntitledName(activity, node, text),
            NoticeStep.DepartmentOf(activity, node, reference, text),
            limit,
            limit is null ? null : text.Of(limit),
            node.When?.Describe(definition.Fields, culture),
            start,
            due,
            end,
            children)
        {
            Promised = promised,
            Statutory = statutory,
            StatutoryLimitText = statutory is null ? null : text.Of(statutory.Limit),
        };
    }

    /// <summary>
    /// A node without a title by what it does (the first clause of its activity's description in the page's language,
    /// e.g. 通知申请人 or "Notify the applicant"), else its id.
    /// </summary>
    private static string UntitledName(IActivity? activity, StepNode node, PageText text) =>
        (text.IsEnglishText, activity?.Descriptor) switch
        {
            (true, { DescriptionEn.Length: > 0 } descriptor) => descriptor.DescriptionEn.Split(':')[0],
            (false, { Description.Length: > 0 } descriptor) => descriptor.Description.Split('：')[0],
            _ => node.Id,
        };

    private static void MarkCritical(PlannedNode node, HashSet<string> critical)
    {
        critical.Add(node.Id);
        if (node.Kind is NoticeStepKind.InParallel or NoticeStepKind.OneOf)
        {
            // The first of the slowest branches: where several tie, one of them is enough to show what sets the end.
            if (node.Children.Count > 0)
            {
                MarkCritical(node.Children.MaxBy(c => c.End)!, critical);
            }

            return;
        }

        foreach (var child in node.Children)
        {
            MarkCritical(child, critical);
        }
    }
}
