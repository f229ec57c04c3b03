using FluentValidation;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Activities;

namespace WorkflowEngine.Core.Model;

/// <summary>A commitment text to sign, and a verification that comes within a year.</summary>
public sealed class CommitmentRulesValidator : AbstractValidator<CommitmentRules>
{
    public CommitmentRulesValidator()
    {
        RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t))
            .WithMessage("告知承诺须写明申请人签署的承诺书全文 text")
            .WithState(_ => "A commitment gives the full text the applicant signs (text)");
        RuleFor(c => c.VerifyWithin).NotNull()
            .WithMessage("告知承诺须写明审批后多久进行事后核查 verifyWithin（如 { workingDays: 20 }）")
            .WithState(_ => "A commitment says how long after approval it is verified (verifyWithin, e.g. { workingDays: 20 })");
        RuleFor(c => c.VerifyWithin!).SetValidator(new WorkingTimeLimitValidator()).When(c => c.VerifyWithin is not null);
        RuleFor(c => c.VerifyWithin!)
            .Must((_, l, context) => l.ToHours(HoursPerDay(context)) <= CommitmentRules.LongestVerifyWithin.ToHours(HoursPerDay(context)))
            .When(c => c.VerifyWithin is { IsWellFormed: true })
            .WithMessage(c => $"事后核查须在审批后 {CommitmentRules.LongestVerifyWithin} 内进行，verifyWithin 不能更长（现为 {c.VerifyWithin}）")
            .WithState(c => $"A commitment is verified within {CommitmentRules.LongestVerifyWithin.ToEnglish()} of approval; verifyWithin cannot be longer (it is {c.VerifyWithin!.ToEnglish()})");
        RuleFor(c => c.VerificationLimit!).SetValidator(new WorkingTimeLimitValidator()).When(c => c.VerificationLimit is not null);
    }

    /// <summary>Office hours in a working day of the definition's calendar, to weigh a wait given in hours.</summary>
    private static double HoursPerDay<T>(ValidationContext<T> context) =>
        context.RootContextData.TryGetValue(Activity<CommitmentRules>.EnvironmentKey, out var value) && value is ValidationEnvironment environment
            ? environment.HoursPerDay
            : 7;
}
