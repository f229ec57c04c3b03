using FluentValidation;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>
/// A named group with its own time limit (e.g. 工程建设 施工许可阶段, 12 working days). Its steps run in order; a timer
/// marks the stage overdue if its deadline passes first. Its clock stands still while every step open in it does
/// (<see cref="EnclosedStepsChangedEvent"/>), and the timer follows.
/// </summary>
[Activity("stage", Description = "审批阶段：一组步骤，有本阶段的时限", DescriptionEn = "Stage: a group of steps with the stage's own limit", HasChildren = true, Tracked = true, RequiresId = true)]
public sealed class Stage : Activity<Stage.Settings>
{
    protected override IValidator<Settings> Validator { get; } = new SettingsValidator();

    protected override WorkingTimeLimit? LimitOf(Settings settings) => settings.Limit;

    public override void Execute(ActivityContext context)
    {
        var state = context.State;
        var due = context.StartClock(LimitOf(context.Node)!);
        state.TimerId = $"{context.Node.Id}:due";
        context.Emit(new ScheduleTimer(state.TimerId, context.Node.Id, due));
        context.Audit("StageStarted", new Dictionary<string, string?> { ["dueAt"] = due.ToString("O") });
        Sequential.StartFirst(context);
    }

    public override void OnChildCompleted(ActivityContext context, StepNode child) => Sequential.Continue(context, child);

    public override void OnSignal(ActivityContext context, WorkflowEvent signal)
    {
        var state = context.State;
        if (signal is TimerFiredEvent fired && fired.TimerId == state.TimerId)
        {
            // A paused stage has no due time, and no timer, until its steps run again.
            if (context.FiredBeforeItsTime(fired, state.DueAt) || state.DueAt is null)
            {
                return;
            }

            state.TimerId = null;
            state.Overdue = true;
            context.Touch();
            context.Audit("StageOverdue");
        }
        else if (signal is CalendarChangedEvent or EnclosedStepsChangedEvent && state.TimerId is { } timer)
        {
            // Counted again on a changed calendar, paused or resumed with its steps, or extended: the overdue timer
            // follows the due time, and a paused stage has none until its steps run again.
            context.Emit(state.DueAt is { } due ? new ScheduleTimer(timer, context.Node.Id, due) : new CancelTimer(timer));
        }
        else if (signal is CalendarChangedEvent or EnclosedStepsChangedEvent && state.Overdue && state.DueAt is { } moved && moved > context.Now)
        {
            // An approved extension (or a recount) gave an overdue stage time again: it is no longer late, and its
            // timer watches the new due time.
            state.Overdue = false;
            state.TimerId = $"{context.Node.Id}:due";
            context.Emit(new ScheduleTimer(state.TimerId, context.Node.Id, moved));
            context.Touch();
            context.Audit("StageOverdueLifted", new Dictionary<string, string?> { ["dueAt"] = moved.ToString("O") });
        }
    }

    /// <summary>Settings of a stage.</summary>
    public sealed record Settings
    {
        public WorkingTimeLimit? Limit { get; init; }
    }

    /// <summary>A stage must say its limit.</summary>
    public sealed class SettingsValidator : AbstractValidator<Settings>
    {
        public SettingsValidator()
        {
            // A stage held to its statutory limit alone (statutoryLimit) is timed against that one.
            RuleFor(s => s.Limit).NotNull().When((_, context) => !HasStatutoryLimit(context))
                .WithMessage("阶段缺少时限 limit（workingDays 或 workingHours）或法定时限 statutoryLimit")
                .WithState(_ => "The stage has no time limit: limit (workingDays or workingHours) or statutoryLimit");
            RuleFor(s => s.Limit!).SetValidator(new WorkingTimeLimitValidator()).When(s => s.Limit is not null);
        }
    }
}
