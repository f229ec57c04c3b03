using System.Globalization;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The words of the public look-up (<c>/track</c>) in Chinese and English, as a typed table like
/// <see cref="ApplicantText"/>: a citizen who applied at the window follows the application with the receipt's tracking
/// number and query code, without an account.
/// </summary>
public sealed record PublicTrackText
{
    public static PublicTrackText Chinese { get; } = new()
    {
        Title = "查询办件进度",
        Intro = "在综合窗口办理的申请，凭回执上的受理编号和查询码查看各部门的办理进度，无需登录。",
        QueryCode = "查询码",
        QueryCodeHint = "回执上的 8 位查询码，例如 7KQ2-M9XD；不区分大小写，可不输入短横线",
        NumberEmpty = "请输入受理编号",
        CodeEmpty = "请输入查询码",
        Find = "查询进度",
        ResultTitle = "办理进度",
        AnotherLookup = "查询另一件",
        SupplementTitle = "需要补正的材料",
        SupplementAtWindow = "请带齐下列材料到综合窗口补交（窗口受理的申请不能在网上上传）。全部补齐后，暂停的计时恢复。",
        MissingAtWindow = "请在期限前把下列材料带到综合窗口补交（窗口受理的申请不能在网上上传）。",
        AnswerByFormat = "请于 {0} 前补交",
        CommitmentTitle = "可签署告知承诺书",
        CommitmentAtWindowFormat = "“{0}”可实行告知承诺制：请到综合窗口当面签署承诺书，签署后即按承诺审批通过。",
        PrivacyNote = "本页只显示办理进度，不显示申请表和材料。请勿把查询码告诉他人；遗失查询码的，可凭身份证件到综合窗口重新生成。",
        SignedInHint = "已在网上提交申请？请登录后在“我的申请”中查看。",
        LinkHint = "在综合窗口办理的申请，凭回执上的受理编号和查询码查看进度",
    };

    public static PublicTrackText English { get; } = new()
    {
        Title = "Track an application",
        Intro = "For an application made at the service centre's window: see each department's progress with the tracking number and query code on your receipt; no sign-in needed.",
        QueryCode = "Query code",
        QueryCodeHint = "The 8-character code on the receipt, such as 7KQ2-M9XD; letters in either case, the hyphen optional",
        NumberEmpty = "Please enter the tracking number",
        CodeEmpty = "Please enter the query code",
        Find = "Show progress",
        ResultTitle = "Progress",
        AnotherLookup = "Track another application",
        SupplementTitle = "Materials to supplement",
        SupplementAtWindow = "Please bring the materials below to the service window (an application made at the window cannot take uploads online). When all have arrived, the stopped time runs again.",
        MissingAtWindow = "Please bring the materials below to the service window by their dates (an application made at the window cannot take uploads online).",
        AnswerByFormat = "Bring it by {0}",
        CommitmentTitle = "A commitment you may sign",
        CommitmentAtWindowFormat = "“{0}” may be approved on your commitment: come to the service window to sign it in person, and it is approved at once.",
        PrivacyNote = "This page shows the progress only, never the form or the materials. Do not tell anyone your query code; if you lost it, a new one is made at the service window on showing your identity document.",
        SignedInHint = "Applied online? Sign in and see it under My applications.",
        LinkHint = "for an application made at the service window, with the tracking number and query code on the receipt",
    };

    public static PublicTrackText Current => PageText.IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese;

    public required string Title { get; init; }

    public required string Intro { get; init; }

    public required string QueryCode { get; init; }

    public required string QueryCodeHint { get; init; }

    public required string NumberEmpty { get; init; }

    public required string CodeEmpty { get; init; }

    public required string Find { get; init; }

    public required string ResultTitle { get; init; }

    public required string AnotherLookup { get; init; }

    public required string SupplementTitle { get; init; }

    /// <summary>That a walk-in brings the materials to the window: the application belongs to no account that could upload.</summary>
    public required string SupplementAtWindow { get; init; }

    /// <summary>The same for a material still missing or accepted as coming later (容缺), when no supplement is asked.</summary>
    public required string MissingAtWindow { get; init; }

    public required string AnswerByFormat { get; init; }

    public required string CommitmentTitle { get; init; }

    /// <summary>That a commitment is signed at the window; {0} is the step's title.</summary>
    public required string CommitmentAtWindowFormat { get; init; }

    public required string PrivacyNote { get; init; }

    public required string SignedInHint { get; init; }

    /// <summary>Beside the link to the look-up on the catalogue and the public dashboard.</summary>
    public required string LinkHint { get; init; }
}
