using System.Text.RegularExpressions;
using FluentValidation;
using WorkflowEngine.Core.Activities;
using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Activities;

/// <summary>Tells the applicant something; <c>{trackingNumber}</c> and <c>{form.key}</c> in the message are filled in.</summary>
[Activity("notification", Description = "通知申请人：发送一条消息，可引用受理编号和表单字段")]
public sealed partial class Notification : Activity<Notification.Settings>
{
    protected override IValidator<Settings> Validator { get; } = new SettingsValidator();

    public override void Execute(ActivityContext context)
    {
        var settings = SettingsOf(context);
        var message = Placeholder().Replace(settings.Message, match =>
        {
            var name = match.Groups[1].Value;
            if (name == "trackingNumber")
            {
                return context.Application.TrackingNumber;
            }

            return name.StartsWith("form.", StringComparison.Ordinal)
                && context.Application.Form.TryGetValue(name[5..], out var value)
                ? Format(value)
                : match.Value;
        });
        context.Emit(new NotifyApplicant(settings.Kind, message));
        context.Complete(StepOutcome.Approved);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "是" : "否",
        DateTime d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();

    /// <summary>Settings of a notification.</summary>
    public sealed record Settings
    {
        public string Message { get; init; } = "";

        public string Kind { get; init; } = "info";
    }

    /// <summary>A notification needs its text.</summary>
    public sealed class SettingsValidator : AbstractValidator<Settings>
    {
        public SettingsValidator()
        {
            RuleFor(s => s.Message).NotEmpty().WithMessage("通知缺少内容 message");
        }
    }
}
