using System.Globalization;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions;

namespace WorkflowEngine.Hosting.Pages.Services;

/// <summary>A part of a service's flow as the one-time notice tells it: in the visitor's language, conditions in words.</summary>
public sealed record NoticeStep(NoticeStepKind Kind, string Title, string? Department, string? Limit, string? Condition, IReadOnlyList<NoticeStep> Children)
{
    /// <summary>Where the step may be approved on the applicant's commitment (告知承诺制): the text to sign and when it is verified.</summary>
    public CommitmentRules? Commitment { get; init; }

    /// <summary>The flow of a definition; a flow that is one sequence reads as its steps in order.</summary>
    public static NoticeStep Of(WorkflowDefinition definition, ActivityRegistry activities, ReferenceData reference, PageText text)
    {
        var culture = text.IsEnglishText ? CultureInfo.GetCultureInfo("en") : CultureInfo.GetCultureInfo("zh-CN");
        return Of(definition.Flow, definition, activities, reference, text, culture);
    }

    private static NoticeStep Of(StepNode node, WorkflowDefinition definition, ActivityRegistry activities, ReferenceData reference, PageText text, CultureInfo culture)
    {
        var activity = activities.TryGet(node.ActivityKey, out var known) ? known : null;
        var kind = KindOf(node);
        var department = DepartmentOf(activity, node, reference, text);
        // The promised limit and the statutory one (法定时限), each named, as far as the definition gives them; a tracked
        // step with no limit of its own counts against the statutory one (LimitOf), which is then all it shows.
        var promised = activity?.PromisedLimitOf(node);
        var statutory = promised is null ? activity?.LimitOf(node) : node.StatutoryLimit;
        var limit = (promised, statutory) switch
        {
            ({ } both, { } law) => PageText.Format(text.PromisedLimitFormat, text.Of(both)) + text.LimitsSeparator + PageText.Format(text.StatutoryLimitFormat, text.Of(law)),
            ({ } own, null) => text.Of(own),
            (null, { } law) => PageText.Format(text.StatutoryLimitFormat, text.Of(law)),
            _ => null,
        };
        return new NoticeStep(
            kind,
            node.Title is { } title ? text.Of(title) : "",
            department,
            limit,
            node.When?.Describe(definition.Fields, culture),
            node.Children.Select(c => Of(c, definition, activities, reference, text, culture)).ToArray())
        {
            Commitment = (node.Settings as ICommitmentSettings)?.Commitment,
        };
    }

    /// <summary>How a node reads: a step, or a group of steps in order, side by side, one of several, or a stage.</summary>
    public static NoticeStepKind KindOf(StepNode node) => node.ActivityKey switch
    {
        "parallel" => NoticeStepKind.InParallel,
        "stage" => NoticeStepKind.Stage,
        "decision" => NoticeStepKind.OneOf,
        _ when node.Children.Count > 0 => NoticeStepKind.InOrder,
        _ => NoticeStepKind.Step,
    };

    /// <summary>The name of the department that carries a node out, in the visitor's language (its code if unknown); null for none.</summary>
    public static string? DepartmentOf(IActivity? activity, StepNode node, ReferenceData reference, PageText text) =>
        activity?.DepartmentOf(node) is { } code
            ? reference.Departments.TryGetValue(code, out var owner) ? text.Of(owner.Name) : code
            : null;
}
