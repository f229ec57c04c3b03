using FluentValidation;
using WorkflowEngine.Calendars;

namespace WorkflowEngine.Core.Model;

/// <summary>A limit gives exactly one of working days or working hours, and a positive one.</summary>
public sealed class WorkingTimeLimitValidator : AbstractValidator<WorkingTimeLimit>
{
    public WorkingTimeLimitValidator()
    {
        RuleFor(l => l)
            .Must(l => l.WorkingDays is not null || l.WorkingHours is not null)
            .WithMessage("时限须写明 workingDays（工作日）或 workingHours（工作小时）").WithState(_ => "A limit gives workingDays or workingHours")
            .Must(l => l.WorkingDays is null || l.WorkingHours is null)
            .WithMessage("时限只能写 workingDays 或 workingHours 其中之一").WithState(_ => "A limit gives only one of workingDays and workingHours")
            .OverridePropertyName("");
        RuleFor(l => l.WorkingDays).GreaterThan(0).When(l => l.WorkingDays is not null).WithMessage("workingDays 须大于0").WithState(_ => "workingDays is greater than 0");
        RuleFor(l => l.WorkingHours).GreaterThan(0).When(l => l.WorkingHours is not null).WithMessage("workingHours 须大于0").WithState(_ => "workingHours is greater than 0");
    }
}
