using System.Globalization;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The words of the window staff's pages for walk-in applications (the list and, on the progress page, what they do
/// for the citizen who came back to the counter), in Chinese and English.
/// </summary>
public sealed record WalkInText
{
    public static WalkInText Chinese { get; } = new()
    {
        ListTitle = "窗口受理的在办申请",
        ListIntro = "在综合窗口为没有账户的申请人受理的、尚未办结的申请，最新受理的在前。申请人回到窗口时，可打开申请代其补正材料、签署告知承诺书或撤回申请；等待申请人补交材料的以标记显示。",
        Search = "查找申请",
        TrackingNumber = "受理编号",
        Find = "查找",
        NotFound = "没有相符的窗口受理在办申请",
        Citizen = "申请人",
        Service = "事项",
        SubmittedAt = "受理时间",
        Status = "状态",
        ActingForFormat = "您正在代窗口受理的申请人“{0}”办理：所做的每一项操作都以您的名义记入审计记录，并注明代办对象。",
        BackToList = "返回窗口受理的在办申请",
        PaperSigned = "申请人已在纸质告知承诺书上签字",
        PaperSignedHint = "请申请人阅读上面的承诺书全文并在纸质承诺书上签字，收存纸质件后再勾选",
        RecordSignature = "记录申请人的签署",
        WithdrawalIntro = "申请人要求撤回时，请收取其书面撤回申请并填写原因。撤回后各部门立即停止办理，撤回不能恢复。",
        WithdrawalReason = "申请人提出的撤回原因（必填）",
        WithdrawalReasonHint = "不超过 500 字，按申请人书面撤回申请填写，各部门可以看到",
        SearchLabel = "受理编号或申请人姓名",
        SearchHint = "完整的受理编号或其开头（字母大小写均可），或申请人姓名中的字",
        InProgress = "在办申请",
        CountFormat = "共 {0} 件，第 {1} / {2} 页",
        Pages = "翻页",
        Previous = "上一页",
        Next = "下一页",
        ToDo = "待申请人办理",
        MaterialsToCome = "补交材料",
        ReissueTitle = "查询码补发",
        ReissueIntro = "申请人遗失回执或忘记查询码时，可凭身份证件到窗口重新生成。重新生成后原查询码立即失效，新查询码只显示一次，请打印交给申请人。",
        IdentityChecked = "已当面核验申请人身份证件原件",
        IdentityCheckedHint = "核对证件原件上的姓名、号码与本申请的申请人一致后再勾选",
        Reissue = "重新生成查询码",
    };

    public static WalkInText English { get; } = new()
    {
        ListTitle = "Walk-in applications in progress",
        ListIntro = "Applications taken in at the service window for citizens without an account, not yet decided, newest first. When a citizen comes back to the counter, open the application to supply materials, record a signed commitment or withdraw for them; those awaiting a material from the citizen are marked.",
        Search = "Find an application",
        TrackingNumber = "Tracking number",
        Find = "Find",
        NotFound = "No walk-in application in progress matches",
        Citizen = "Citizen",
        Service = "Service",
        SubmittedAt = "Taken in",
        Status = "Status",
        ActingForFormat = "You are acting for “{0}”, a citizen whose application was taken in at a window: everything you do is recorded in the audit trail under your name, for that citizen.",
        BackToList = "Back to the walk-in applications",
        PaperSigned = "The citizen has signed the paper commitment",
        PaperSignedHint = "Have the citizen read the whole commitment above and sign it on paper; keep the paper, then tick",
        RecordSignature = "Record the citizen's signature",
        WithdrawalIntro = "When the citizen asks to withdraw, take their written request and enter the reason. The departments stop at once; a withdrawal cannot be undone.",
        WithdrawalReason = "The citizen's reason for withdrawing (required)",
        WithdrawalReasonHint = "Up to 500 characters, as in the citizen's written request; the departments will see it",
        SearchLabel = "Tracking number or citizen's name",
        SearchHint = "The whole tracking number or its start, in upper or lower case, or part of the citizen's name",
        InProgress = "Applications in progress",
        CountFormat = "{0} in all, page {1} of {2}",
        Pages = "Pages",
        Previous = "Previous page",
        Next = "Next page",
        ToDo = "Waiting for the citizen",
        MaterialsToCome = "Materials to come",
        ReissueTitle = "Reissue the query code",
        ReissueIntro = "A citizen who lost the receipt or the query code gets a new one at the window on showing their identity document. The old code stops working at once; the new one is shown only once: print it for the citizen.",
        IdentityChecked = "I have checked the citizen's identity document (the original) in person",
        IdentityCheckedHint = "Tick once the name and number on the original document match this application's applicant",
        Reissue = "Reissue the query code",
    };

    public static WalkInText Current => PageText.IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese;

    public required string ListTitle { get; init; }

    public required string ListIntro { get; init; }

    public required string Search { get; init; }

    public required string TrackingNumber { get; init; }

    public required string Find { get; init; }

    public required string NotFound { get; init; }

    public required string Citizen { get; init; }

    public required string Service { get; init; }

    public required string SubmittedAt { get; init; }

    public required string Status { get; init; }

    public required string ActingForFormat { get; init; }

    public required string BackToList { get; init; }

    public required string PaperSigned { get; init; }

    public required string PaperSignedHint { get; init; }

    public required string RecordSignature { get; init; }

    public required string WithdrawalIntro { get; init; }

    public required string WithdrawalReason { get; init; }

    public required string WithdrawalReasonHint { get; init; }

    public required string SearchLabel { get; init; }

    public required string SearchHint { get; init; }

    public required string InProgress { get; init; }

    public required string CountFormat { get; init; }

    public required string Pages { get; init; }

    public required string Previous { get; init; }

    public required string Next { get; init; }

    public required string ToDo { get; init; }

    public required string MaterialsToCome { get; init; }

    public required string ReissueTitle { get; init; }

    public required string ReissueIntro { get; init; }

    public required string IdentityChecked { get; init; }

    public required string IdentityCheckedHint { get; init; }

    public required string Reissue { get; init; }
}
