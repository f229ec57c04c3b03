using System.Text.RegularExpressions;
using FluentValidation;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Activities;

/// <summary>
/// Tells the applicant something; <c>{trackingNumber}</c> and <c>{form.key}</c> in the message are filled in, in its
/// Chinese and, where the definition gives one, its English text.
/// </summary>
[Activity("notification", Description = "通知申请人：发送一条消息，可引用受理编号和表单字段", DescriptionEn = "Notify the applicant: sends a message that may quote the tracking number and form fields")]
public sealed partial class Notification : Activity<Notification.Settings>
{
    protected override IValidator<Settings> Validator { get; } = new SettingsValidator();

    public override void Execute(ActivityContext context)
    {
        var settings = SettingsOf(context);
        context.Emit(new NotifyApplicant(settings.Kind, Fill(context, settings.Message.Zh, english: false))
        {
            MessageEn = settings.Message.En is { } en ? Fill(context, en, english: true) : null,
        });
        context.Complete(StepOutcome.Approved);
    }

    private static string Fill(ActivityContext context, string text, bool english) =>
        Placeholder().Replace(text, match =>
        {
            var name = match.Groups[1].Value;
            if (name == "trackingNumber")
            {
                return context.Application.TrackingNumber;
            }

            return name.StartsWith("form.", StringComparison.Ordinal)
                && context.Application.Form.TryGetValue(name[5..], out var value)
                ? Format(value, english)
                : match.Value;
        });

    private static string Format(object? value, bool english) => value switch
    {
        null => "",
        bool b => english ? (b ? "yes" : "no") : b ? "是" : "否",
        DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static HashSet<string> PlaceholdersOf(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>Settings of a notification.</summary>
    public sealed record Settings
    {
        /// <summary>The text: a plain string (Chinese), or <c>{ zh, en }</c> for a reader of the English pages too.</summary>
        public LocalizedText Message { get; init; } = new("");

        public string Kind { get; init; } = "info";
    }

    /// <summary>A notification needs its text.</summary>
    public sealed class SettingsValidator : AbstractValidator<Settings>
    {
        public SettingsValidator()
        {
            RuleFor(s => s.Message.Zh).NotEmpty().WithMessage("通知缺少内容 message").WithState(_ => "The notification has no message").OverridePropertyName("message");
            RuleFor(s => s.Message.En).NotEmpty().WithMessage("通知的英文内容 message.en 不能为空（不需要英文时省略 en）").WithState(_ => "The notification's English message.en cannot be empty (leave en out when there is no English)")
                .OverridePropertyName("message.en").When(s => s.Message.En is not null);
            RuleFor(s => s.Message).Must(m => m.En is null || PlaceholdersOf(m.En).IsSubsetOf(PlaceholdersOf(m.Zh)))
                .WithMessage(m => $"通知的英文内容 message.en 引用了中文内容中没有的占位符：{string.Join("、", PlaceholdersOf(m.Message.En!).Except(PlaceholdersOf(m.Message.Zh)))}")
                .WithState(m => $"The notification's English message.en uses placeholders the Chinese message does not have: {string.Join(", ", PlaceholdersOf(m.Message.En!).Except(PlaceholdersOf(m.Message.Zh)))}")
                .OverridePropertyName("message.en");
        }
    }
}
