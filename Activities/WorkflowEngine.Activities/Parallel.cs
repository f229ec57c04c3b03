using FluentValidation;
using FluentValidation.Results;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>
/// 并联审批: every branch starts at once. Join all (default), any, or N of M; skipped branches do not count. A rejection
/// that makes the join unreachable cancels the running siblings unless <c>onRejection: continue</c>.
/// </summary>
[Activity("parallel", Description = "并联办理：各分支同时进行，全部/任一/N个通过后汇合", DescriptionEn = "Side by side: the branches run at once and join when all, any or N of them pass", HasChildren = true)]
public sealed class Parallel : Activity<Parallel.Settings>
{
    protected override IValidator<Settings> Validator { get; } = new SettingsValidator();

    public override IEnumerable<ValidationFailure> Validate(StepNode node, ValidationEnvironment environment)
    {
        foreach (var failure in base.Validate(node, environment))
        {
            yield return failure;
        }

        var settings = SettingsOf(node);
        if (settings.Join == JoinMode.NOfM && settings.Required is { } n && n > node.Children.Count)
        {
            yield return new ValidationFailure("required", $"required 为 {n}，但只有 {node.Children.Count} 个分支")
            {
                CustomState = $"required is {n}, but there are only {node.Children.Count} branches",
            };
        }
    }

    public override double ChildrenPathHours(StepNode node, Func<StepNode, double> pathOf)
    {
        var paths = node.Children.Select(pathOf).Order().ToArray();
        if (paths.Length == 0)
        {
            return 0;
        }

        var settings = SettingsOf(node);
        return settings.Join switch
        {
            JoinMode.Any => paths[0],
            JoinMode.NOfM => paths[Math.Clamp((settings.Required ?? 1) - 1, 0, paths.Length - 1)],
            _ => paths[^1],
        };
    }

    public override void Execute(ActivityContext context)
    {
        if (context.Node.Children.Count == 0)
        {
            context.Complete(StepOutcome.Approved);
            return;
        }

        foreach (var child in context.Node.Children)
        {
            context.Start(child);
        }
    }

    public override void OnChildCompleted(ActivityContext context, StepNode child)
    {
        var settings = SettingsOf(context);
        int approved = 0, rejected = 0, skipped = 0, unresolved = 0;
        StepNode? firstRejected = null;
        foreach (var branch in context.Node.Children)
        {
            var state = context.Peek(branch);
            switch (state?.Status)
            {
                case null or NodeStatus.Active:
                    unresolved++;
                    break;
                case NodeStatus.Skipped:
                    skipped++;
                    break;
                case NodeStatus.Completed when state.Outcome == StepOutcome.Approved:
                    approved++;
                    break;
                default:
                    rejected++;
                    firstRejected ??= branch;
                    break;
            }
        }

        var effective = context.Node.Children.Count - skipped;
        var required = settings.Join switch
        {
            JoinMode.All => effective,
            JoinMode.Any => Math.Min(1, effective),
            _ => Math.Min(settings.Required ?? 1, effective),
        };

        if (approved >= required && (settings.Join != JoinMode.All || unresolved == 0))
        {
            CancelRunning(context, new LocalizedText("并联汇合条件已满足，其余分支无需继续办理", "No longer needed: enough of the steps side by side are done"));
            context.Complete(StepOutcome.Approved);
            return;
        }

        if (rejected > effective - required)
        {
            var reason = Rejections.ReasonOf(context, firstRejected!);
            if (settings.OnRejection == RejectionPolicy.CancelSiblings)
            {
                CancelRunning(context, new LocalizedText($"并联分支未通过（{reason.Zh}），本步骤终止", $"Stopped: a step side by side was not approved ({reason.En})"));
                context.Complete(StepOutcome.Rejected, reason);
            }
            else if (unresolved == 0)
            {
                context.Complete(StepOutcome.Rejected, reason);
            }
        }
    }

    private static void CancelRunning(ActivityContext context, LocalizedText reason)
    {
        foreach (var branch in context.Node.Children)
        {
            context.Cancel(branch, reason);
        }
    }

    /// <summary>Settings of a parallel block.</summary>
    public sealed record Settings
    {
        public JoinMode Join { get; init; } = JoinMode.All;

        /// <summary>With <c>join: n-of-m</c>: how many branches must be approved.</summary>
        public int? Required { get; init; }

        public RejectionPolicy OnRejection { get; init; } = RejectionPolicy.CancelSiblings;
    }

    /// <summary>Checks that N-of-M names its N.</summary>
    public sealed class SettingsValidator : AbstractValidator<Settings>
    {
        public SettingsValidator()
        {
            RuleFor(s => s.Required)
                .NotNull().WithMessage("join: n-of-m 须用 required 写明需要通过的分支数").WithState(_ => "join: n-of-m says in required how many branches must pass")
                .GreaterThan(0).WithMessage("required 须大于0").WithState(_ => "required is greater than 0")
                .When(s => s.Join == JoinMode.NOfM);
            RuleFor(s => s.Required).Null().When(s => s.Join != JoinMode.NOfM)
                .WithMessage("required 只用于 join: n-of-m").WithState(_ => "required is only for join: n-of-m");
        }
    }
}
