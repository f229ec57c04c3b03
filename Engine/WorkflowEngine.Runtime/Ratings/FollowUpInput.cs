using FluentValidation;
using WorkflowEngine.Core.Forms;

namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// An administrator's follow-up (整改) of a bad rating: what was done about it; of the application's overall rating, or
/// of its rating of step <paramref name="Step"/> (一事一评).
/// </summary>
public sealed record FollowUpInput(string? Note, string? Step = null)
{
    public sealed class Validator : AbstractValidator<FollowUpInput>
    {
        public static Validator Instance { get; } = new();

        public Validator()
        {
            RuleFor(f => f.Note).Must(n => !string.IsNullOrWhiteSpace(n))
                .WithMessage(_ => FormMessages.Say("请填写整改情况", "Say what was done about it"));
            RatingInput.Validator.Text(RuleFor(f => f.Note), "整改情况", "The follow-up", RatingText.MaxFollowUpLength);
        }
    }
}
