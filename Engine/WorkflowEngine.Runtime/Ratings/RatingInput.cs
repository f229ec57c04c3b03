using FluentValidation;
using WorkflowEngine.Core.Forms;

namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// What the applicant gives when rating: the level (1–5), an optional comment, for 1 or 2 the reason, and optionally a
/// rating of each decided department step (一事一评, <paramref name="Steps"/>).
/// </summary>
public sealed record RatingInput(int? Level, string? Comment, string? Reason, IReadOnlyList<StepRatingInput>? Steps = null)
{
    /// <summary>The rules, the same for the page and the API; messages in the language of <see cref="FormMessages"/>.</summary>
    public sealed class Validator : AbstractValidator<RatingInput>
    {
        public static Validator Instance { get; } = new();

        public Validator()
        {
            RuleFor(r => r.Level).NotNull().WithMessage(_ => FormMessages.Say("请选择评价等级", "Choose a rating"))
                .InclusiveBetween(RatingLevels.Lowest, RatingLevels.Highest)
                .WithMessage(_ => FormMessages.Say("评价等级应为 1（非常不满意）到 5（非常满意）", "The rating is 1 (very dissatisfied) to 5 (very satisfied)"));
            RuleFor(r => r.Reason).Must(reason => !string.IsNullOrWhiteSpace(reason))
                .When(r => r.Level is { } level && RatingLevels.IsBad(level))
                .WithMessage(_ => FormMessages.Say("评价为“不满意”或“非常不满意”时，请写明原因，以便整改", "For a rating of dissatisfied or very dissatisfied, say why, so that it can be put right"));
            Text(RuleFor(r => r.Comment), "评价内容", "The comment");
            Text(RuleFor(r => r.Reason), "不满意的原因", "The reason");
        }

        /// <summary>A free text's bound and characters; <paramref name="zh"/> and <paramref name="en"/> name it in the message.</summary>
        public static void Text<T>(IRuleBuilderInitial<T, string?> rule, string zh, string en, int maxLength = RatingText.MaxLength)
        {
            rule.Must(t => t is null || RatingText.Length(t) <= maxLength)
                .WithMessage(_ => FormMessages.Say($"{zh}不能超过 {maxLength} 个字", $"{en} may be at most {maxLength} characters"))
                .Must(t => t is null || RatingText.Unprintable(t) is null)
                .WithMessage((_, t) => FormMessages.Say(zh, en + " ") + RatingText.Unprintable(t!));
        }
    }
}
