using System.Globalization;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>The words of the applicant's withdrawal (撤回申请) on the progress page, in Chinese and English.</summary>
public sealed record WithdrawalText
{
    public static WithdrawalText Chinese { get; } = new()
    {
        Title = "撤回申请",
        Intro = "申请尚未办结，您可以撤回。撤回后各部门立即停止办理，办理时限停止计算，已发放的证照作废；撤回不能恢复，如需办理请重新申请。",
        Reason = "撤回原因（选填）",
        ReasonHint = "不超过 500 字，各部门和您都能看到",
        Confirm = "确认撤回",
        Withdrawn = "申请已撤回，各部门不再办理。",
    };

    public static WithdrawalText English { get; } = new()
    {
        Title = "Withdraw the application",
        Intro = "The application is not decided yet, so you may withdraw it. The departments stop handling it at once, its time limits stop and any certificate issued is void; a withdrawal cannot be undone: to go on, apply again.",
        Reason = "Why (optional)",
        ReasonHint = "Up to 500 characters; the departments and you will see it",
        Confirm = "Confirm the withdrawal",
        Withdrawn = "The application has been withdrawn; the departments no longer handle it.",
    };

    public static WithdrawalText Current => PageText.IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese;

    public required string Title { get; init; }

    public required string Intro { get; init; }

    public required string Reason { get; init; }

    public required string ReasonHint { get; init; }

    public required string Confirm { get; init; }

    public required string Withdrawn { get; init; }
}
