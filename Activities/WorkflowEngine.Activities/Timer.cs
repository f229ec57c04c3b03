using FluentValidation;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>Waits a period of working time (e.g. a public-notice period, 公示期) before the flow goes on.</summary>
[Activity("timer", Description = "等待：经过一段工作时间后继续（如公示期）", DescriptionEn = "Wait: goes on after a working time has passed (a public notice period, say)", RequiresId = true)]
public sealed class Timer : Activity<Timer.Settings>
{
    protected override IValidator<Settings> Validator { get; } = new SettingsValidator();

    protected override WorkingTimeLimit? LimitOf(Settings settings) => settings.Wait;

    public override void Execute(ActivityContext context)
    {
        var state = context.State;
        state.DueAt = context.DueAfter(SettingsOf(context).Wait!);
        state.TimerId = $"{context.Node.Id}:wait";
        context.Emit(new ScheduleTimer(state.TimerId, context.Node.Id, state.DueAt.Value));
    }

    public override void OnSignal(ActivityContext context, WorkflowEvent signal)
    {
        if (signal is TimerFiredEvent fired && fired.TimerId == context.State.TimerId)
        {
            if (context.FiredBeforeItsTime(fired, context.State.DueAt))
            {
                return;
            }

            context.State.TimerId = null;
            context.Complete(StepOutcome.Approved);
        }
        else if (signal is CalendarChangedEvent && context.State is { TimerId: { } timer, DueAt: { } due })
        {
            // The wait counted again on a changed calendar ends at its new time.
            context.Emit(new ScheduleTimer(timer, context.Node.Id, due));
        }
    }

    /// <summary>Settings of a timer.</summary>
    public sealed record Settings
    {
        public WorkingTimeLimit? Wait { get; init; }
    }

    /// <summary>A timer needs its period.</summary>
    public sealed class SettingsValidator : AbstractValidator<Settings>
    {
        public SettingsValidator()
        {
            RuleFor(s => s.Wait).NotNull().WithMessage("等待缺少时长 wait（workingDays 或 workingHours）").WithState(_ => "The wait has no length (workingDays or workingHours)");
            RuleFor(s => s.Wait!).SetValidator(new WorkingTimeLimitValidator()).When(s => s.Wait is not null);
        }
    }
}
