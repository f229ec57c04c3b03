using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// The pages' own words in Chinese (the default) and English, as a typed table: a missing translation is a compile
/// error, not a key shown to a citizen. Texts that come from definitions (titles, labels) carry their own translations.
/// </summary>
public sealed record PageText
{
    public static PageText Chinese { get; } = new()
    {
        Language = "zh-CN",
        SiteName = "一件事一次办",
        SkipToContent = "跳到主要内容",
        MainNavigation = "主导航",
        Catalogue = "服务目录",
        Dashboard = "公开亮屏",
        MyApplications = "我的申请",
        TrackByNumber = "查询办件",
        OtherLanguage = "English",
        OtherLanguageCulture = "en",
        OtherLanguageLabel = "Switch to English",
        SignIn = "登录",
        SignOut = "退出登录",
        SignedInAs = "当前登录",
        RoleApplicant = "申请人",
        RoleWindow = "综合窗口受理人员",
        RoleClerk = "窗口人员",
        RoleSupervisor = "部门负责人",
        RoleAdmin = "管理员",
        TooManyRequestsTitle = "提交过于频繁",
        TooManyRequestsFormat = "您在短时间内提交的次数过多。已提交的内容都已保存，请 {0} 秒后返回上一页再试。",
        FormNulTitle = "表单无法提交",
        FormNulFormat = "表单中“{0}”一项含有 NUL 控制字符（%00），它不能作为填写的内容。请删除该字符后重新提交。",
        Back = "返回上一页",
        ExpiredFormTitle = "页面已过期",
        ExpiredFormMessage = "页面已过期，请重新提交。打开这个页面以后，您在其他窗口登录或退出了登录（或页面打开的时间太久），这次提交没有办理任何事项。请重新打开此页，再提交一次。",
        ExpiredFormReopen = "重新打开此页",
        NoPageTitle = "没有找到这个页面",
        NoPageMessage = "这个地址没有对应的页面，可能是链接不完整或已经失效。请从首页重新进入；查询办件进度请使用回执上的办件编号。",
        ServerErrorTitle = "系统暂时出错",
        ServerErrorMessage = "这次请求没有办理完成，错误已经记录。请稍后再试；如果一直出现，请联系政务服务中心。",
        RequestErrorTitle = "无法打开这个页面",
        RequestErrorFormat = "这个请求无法办理（错误代码 {0}）。请从首页重新进入。",
        BackToHome = "返回首页",
        BackToQueue = "返回办件队列",
        Footer = "一次告知、一表申请、一窗受理、并联审批、限时办结。",
        CatalogueTitle = "可以一次办好的事",
        CatalogueIntro = "选择一件事，先阅读一次性告知：需要的全部材料和条件、各部门办理的环节和时限。",
        NoServices = "暂无已发布的服务。",
        Promised = "承诺时限",
        Statutory = "法定时限",
        ReadNotice = "阅读一次性告知",
        NoticeSuffix = "一次性告知",
        NoticeIntro = "下面列出办理这件事需要的全部材料和条件，一次告知，不再要求其他材料。",
        Limits = "办理时限",
        Materials = "需要提交的材料",
        Material = "材料",
        Requirement = "要求",
        UsedBy = "用于",
        Required = "必须提交",
        IfApplicable = "按需提交",
        DeferrableFormat = "可容缺受理：受理后 {0}内补交",
        FormatsFormat = "格式：{0}",
        MaxSizeFormat = "不超过 {0} MB",
        Steps = "办理环节",
        StepsIntro = "一次提交后，各部门在后台按下列顺序办理，标明“同时办理”的环节并联进行。",
        InParallel = "以下环节同时办理（并联审批）",
        InOrder = "以下环节依次办理",
        StageFormat = "阶段：{0}",
        DepartmentFormat = "办理部门：{0}",
        LimitFormat = "时限：{0}",
        StatutoryLimitFormat = "法定 {0}",
        PromisedLimitFormat = "承诺 {0}",
        LimitsSeparator = "，",
        OnlyWhenFormat = "仅当{0}时办理",
        CommitmentOfferFormat = "可实行告知承诺制：签署以下承诺书即按承诺审批通过，审批后 {0}起由部门进行事后核查",
        OneOfFollowing = "按申请内容办理以下其中一项",
        CertificatesTogether = "办结后统一发证",
        NotFound = "没有找到这项服务",
        NotFoundHint = "请从服务目录中选择。",
        BackToCatalogue = "返回服务目录",
        DashboardTitle = "按时办结率公开亮屏",
        DashboardIntro = "各部门、各事项最近 12 个月的按时办结率和办件量，随办结实时更新。",
        ByDepartment = "各部门按时办结率",
        ByService = "各事项按时办结率",
        ByMonth = "每月办结量",
        Department = "部门",
        Service = "事项",
        Month = "月份",
        Decided = "办结件数",
        OnTime = "按时",
        Late = "超期",
        OnTimeRate = "按时办结率",
        OpenNow = "在办件数",
        NoFigures = "最近 12 个月尚无办结的件。",
        NotKnown = "—",
        UpdatedFormat = "数据更新于 {0}（北京时间）",
        ChartDataTable = "图表数据",
        BundlesTitle = "一件事整体办结情况",
        Finished = "办结件数",
        WithinStatutory = "法定时限内办结",
        OpenTitle = "各部门在办件",
        OpenByServiceTitle = "各事项在办件",
        OverduePromised = "超承诺时限",
        OverdueStatutory = "超法定时限",
        OpenNote = "此刻各部门正在办理的环节。承诺时限是政务服务中心向社会承诺的办理时限，法定时限是法律法规规定的时限，承诺时限短于法定时限；没有法定时限的环节不计入“超法定时限”。",
    };

    public static PageText English { get; } = Chinese with
    {
        Language = "en",
        SiteName = "One Thing, Done Once",
        SkipToContent = "Skip to main content",
        MainNavigation = "Main",
        Catalogue = "Services",
        Dashboard = "Public dashboard",
        MyApplications = "My applications",
        TrackByNumber = "Track an application",
        OtherLanguage = "中文",
        OtherLanguageCulture = "zh-CN",
        OtherLanguageLabel = "切换为中文",
        SignIn = "Sign in",
        SignOut = "Sign out",
        SignedInAs = "Signed in",
        RoleApplicant = "Applicant",
        RoleWindow = "Intake window staff",
        RoleClerk = "Clerk",
        RoleSupervisor = "Supervisor",
        RoleAdmin = "Administrator",
        TooManyRequestsTitle = "Too many submissions",
        TooManyRequestsFormat = "You have sent too many submissions in a short time. Whatever was accepted before is kept; please go back and try again in {0} seconds.",
        FormNulTitle = "The form could not be sent",
        FormNulFormat = "The field “{0}” of the form contains a NUL control character (%00), which cannot be part of an answer. Remove it and send the form again.",
        Back = "Go back",
        ExpiredFormTitle = "This page has expired",
        ExpiredFormMessage = "This page has expired; please submit again. Since the page was opened you signed in or out in another window (or it was open a long time), so nothing was done with this submission. Open the page again and submit once more.",
        ExpiredFormReopen = "Open the page again",
        NoPageTitle = "Page not found",
        NoPageMessage = "There is no page at this address: the link may be incomplete or out of date. Start again from the home page; to follow an application, use the tracking number on its receipt.",
        ServerErrorTitle = "Something went wrong",
        ServerErrorMessage = "This request could not be completed; the error has been logged. Please try again later, and if it keeps happening, contact the government service centre.",
        RequestErrorTitle = "This page cannot be opened",
        RequestErrorFormat = "This request cannot be handled (error {0}). Start again from the home page.",
        BackToHome = "Back to the home page",
        BackToQueue = "Back to the task queue",
        Footer = "Told once, one form, one window, approvals in parallel, within set limits.",
        CatalogueTitle = "Things you can get done at once",
        CatalogueIntro = "Choose a service and read its one-time notice first: every material and condition, each department's step and its time limit.",
        NoServices = "No service is published yet.",
        Promised = "Promised",
        Statutory = "Statutory limit",
        ReadNotice = "Read the one-time notice",
        NoticeSuffix = "one-time notice",
        NoticeIntro = "Everything you need for this service is listed here, once; nothing else will be asked of you.",
        Limits = "Time limits",
        Materials = "Materials to supply",
        Material = "Material",
        Requirement = "Requirement",
        UsedBy = "Used by",
        Required = "Required",
        IfApplicable = "If applicable",
        DeferrableFormat = "May come later (容缺): supply it within {0} after acceptance",
        FormatsFormat = "Formats: {0}",
        MaxSizeFormat = "at most {0} MB",
        Steps = "Steps",
        StepsIntro = "After you submit once, the departments work in the back office in this order; steps marked side by side run in parallel.",
        InParallel = "These steps run side by side (parallel approval)",
        InOrder = "These steps run one after another",
        StageFormat = "Stage: {0}",
        DepartmentFormat = "Department: {0}",
        LimitFormat = "Limit: {0}",
        StatutoryLimitFormat = "{0} (statutory)",
        PromisedLimitFormat = "{0} (promised)",
        LimitsSeparator = ", ",
        OnlyWhenFormat = "Only when {0}",
        CommitmentOfferFormat = "May be approved on your commitment: sign the text below and it is approved at once; the department verifies it from {0} after the approval",
        OneOfFollowing = "One of the following, depending on your application",
        CertificatesTogether = "Certificates issued together at the end",
        NotFound = "Service not found",
        NotFoundHint = "Please choose one from the list of services.",
        BackToCatalogue = "Back to the services",
        DashboardTitle = "On-time completion, published",
        DashboardIntro = "On-time rates and volumes of each department and service over the last 12 months, updated as work completes.",
        ByDepartment = "On-time rate by department",
        ByService = "On-time rate by service",
        ByMonth = "Completed per month",
        Department = "Department",
        Service = "Service",
        Month = "Month",
        Decided = "Completed",
        OnTime = "On time",
        Late = "Late",
        OnTimeRate = "On-time rate",
        OpenNow = "In progress",
        NoFigures = "Nothing was completed in the last 12 months.",
        UpdatedFormat = "Figures as of {0} (Beijing time)",
        ChartDataTable = "Chart data",
        BundlesTitle = "Bundled services completed",
        Finished = "Completed",
        WithinStatutory = "Within the statutory limit",
        OpenTitle = "In progress by department",
        OpenByServiceTitle = "In progress by service",
        OverduePromised = "Past the promised limit",
        OverdueStatutory = "Past the statutory limit",
        OpenNote = "The steps the departments are working on now. The promised limit is the one the service centre publishes; the statutory limit is the one the law sets, and is the longer; a step without a statutory limit is not counted past it.",
    };

    /// <summary>The table of the request's language (set by request localization from the language cookie).</summary>
    public static PageText Current => For(CultureInfo.CurrentUICulture);

    public static PageText For(CultureInfo culture) => IsEnglish(culture) ? English : Chinese;

    public required string Language { get; init; }

    public required string SiteName { get; init; }

    public required string SkipToContent { get; init; }

    public required string MainNavigation { get; init; }

    public required string Catalogue { get; init; }

    public required string Dashboard { get; init; }

    /// <summary>An applicant's own applications, in the navigation and on the applicant's pages (<c>ApplicantText</c>).</summary>
    public required string MyApplications { get; init; }

    /// <summary>The look-up of an application by its tracking number, in the navigation and on the applicant's pages.</summary>
    public required string TrackByNumber { get; init; }

    public required string OtherLanguage { get; init; }

    public required string OtherLanguageCulture { get; init; }

    public required string OtherLanguageLabel { get; init; }

    public required string SignIn { get; init; }

    public required string SignOut { get; init; }

    /// <summary>The header's label for who is signed in, read by screen readers before the name.</summary>
    public required string SignedInAs { get; init; }

    public required string RoleApplicant { get; init; }

    public required string RoleWindow { get; init; }

    public required string RoleClerk { get; init; }

    public required string RoleSupervisor { get; init; }

    public required string RoleAdmin { get; init; }

    public required string TooManyRequestsTitle { get; init; }

    /// <summary>A page form post over the submission limit: {0} the seconds to wait.</summary>
    public required string TooManyRequestsFormat { get; init; }

    public required string FormNulTitle { get; init; }

    /// <summary>A page's form post with a NUL (%00) in a field: {0} the field's name.</summary>
    public required string FormNulFormat { get; init; }

    public required string Back { get; init; }

    public required string ExpiredFormTitle { get; init; }

    /// <summary>A page's form posted with an anti-forgery token that no longer matches (signed in or out in another tab).</summary>
    public required string ExpiredFormMessage { get; init; }

    public required string ExpiredFormReopen { get; init; }

    /// <summary>A browser's request for an address no page answers (a link typed or copied wrong, an old bookmark).</summary>
    public required string NoPageTitle { get; init; }

    public required string NoPageMessage { get; init; }

    /// <summary>A page that failed unexpectedly: the details are logged, never shown.</summary>
    public required string ServerErrorTitle { get; init; }

    public required string ServerErrorMessage { get; init; }

    /// <summary>Any other refusal without a page of its own (a method a page does not take): {0} the status code.</summary>
    public required string RequestErrorTitle { get; init; }

    public required string RequestErrorFormat { get; init; }

    public required string BackToHome { get; init; }

    /// <summary>The way back on a department host, whose first page is the clerk's queue.</summary>
    public required string BackToQueue { get; init; }

    public required string Footer { get; init; }

    public required string CatalogueTitle { get; init; }

    public required string CatalogueIntro { get; init; }

    public required string NoServices { get; init; }

    public required string Promised { get; init; }

    public required string Statutory { get; init; }

    public required string ReadNotice { get; init; }

    public required string NoticeSuffix { get; init; }

    public required string NoticeIntro { get; init; }

    public required string Limits { get; init; }

    public required string Materials { get; init; }

    public required string Material { get; init; }

    public required string Requirement { get; init; }

    public required string UsedBy { get; init; }

    public required string Required { get; init; }

    public required string IfApplicable { get; init; }

    public required string DeferrableFormat { get; init; }

    public required string FormatsFormat { get; init; }

    public required string MaxSizeFormat { get; init; }

    public required string Steps { get; init; }

    public required string StepsIntro { get; init; }

    public required string InParallel { get; init; }

    public required string InOrder { get; init; }

    public required string StageFormat { get; init; }

    public required string DepartmentFormat { get; init; }

    public required string LimitFormat { get; init; }

    /// <summary>A step's limit where the law's period (法定时限) is all it has: 法定 3 个工作日.</summary>
    public required string StatutoryLimitFormat { get; init; }

    /// <summary>A step's promised limit (承诺时限) beside its statutory one: 承诺 2 个工作小时.</summary>
    public required string PromisedLimitFormat { get; init; }

    /// <summary>Between a step's promised and statutory limits.</summary>
    public required string LimitsSeparator { get; init; }

    public required string OnlyWhenFormat { get; init; }

    /// <summary>告知承诺 in the notice: {0} the wait before the verification (事后核查).</summary>
    public required string CommitmentOfferFormat { get; init; }

    public required string OneOfFollowing { get; init; }

    public required string CertificatesTogether { get; init; }

    public required string NotFound { get; init; }

    public required string NotFoundHint { get; init; }

    public required string BackToCatalogue { get; init; }

    public required string DashboardTitle { get; init; }

    public required string DashboardIntro { get; init; }

    public required string ByDepartment { get; init; }

    public required string ByService { get; init; }

    public required string ByMonth { get; init; }

    public required string Department { get; init; }

    public required string Service { get; init; }

    public required string Month { get; init; }

    public required string Decided { get; init; }

    public required string OnTime { get; init; }

    public required string Late { get; init; }

    public required string OnTimeRate { get; init; }

    public required string OpenNow { get; init; }

    public required string NoFigures { get; init; }

    public required string NotKnown { get; init; }

    public required string UpdatedFormat { get; init; }

    public required string ChartDataTable { get; init; }

    public required string BundlesTitle { get; init; }

    public required string Finished { get; init; }

    public required string WithinStatutory { get; init; }

    public required string OpenTitle { get; init; }

    public required string OpenByServiceTitle { get; init; }

    public required string OverduePromised { get; init; }

    public required string OverdueStatutory { get; init; }

    public required string OpenNote { get; init; }

    public bool IsEnglishText => Language == "en";

    /// <summary>A role's name in this language; an unknown role as itself.</summary>
    public string RoleName(string? role) => role switch
    {
        Roles.Applicant => RoleApplicant,
        Roles.Window => RoleWindow,
        Roles.Clerk => RoleClerk,
        Roles.Supervisor => RoleSupervisor,
        Roles.Admin => RoleAdmin,
        _ => role ?? "",
    };

    public static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>A definition's text in this language; Chinese where the author gave no English.</summary>
    public string Of(LocalizedText? text) => text is null ? "" : IsEnglishText ? text.En ?? text.Zh : text.Zh;

    /// <summary>A department's name in the page's language; Chinese where it has no English one.</summary>
    public string Of(DirectoryDepartment department) => IsEnglishText ? department.EnglishName : department.NameZh;

    /// <summary>A calendar's name in the page's language.</summary>
    public string Of(CalendarData calendar) => IsEnglishText ? calendar.NameEn ?? calendar.Name : calendar.Name;

    /// <summary>A working-time limit in words: "8 个工作日", "8 working days", "4 working hours".</summary>
    public string Of(WorkingTimeLimit limit)
    {
        var days = limit.WorkingDays is not null;
        var amount = (limit.WorkingDays ?? limit.WorkingHours ?? 0).ToString("0.##", CultureInfo.InvariantCulture);
        return IsEnglishText
            ? $"{amount} working {(days ? "day" : "hour")}{(amount == "1" ? "" : "s")}"
            : $"{amount} 个工作{(days ? "日" : "小时")}";
    }

    /// <summary>A share as a percentage in this language, or the "not known" mark.</summary>
    public string Rate(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : NotKnown;

    public static string Format(string format, object? argument) => string.Format(CultureInfo.InvariantCulture, format, argument);
}
