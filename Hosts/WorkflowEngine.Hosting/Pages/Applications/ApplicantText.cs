using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Hosting.Api.Clocks;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The words of an applicant's own pages (apply, receipt, my applications, tracking, look-up) in Chinese and English,
/// as a typed table like <see cref="PageText"/>: a missing translation is a compile error. Statuses and warnings come
/// as the API names them and are put in words here.
/// </summary>
public sealed record ApplicantText
{
    public static ApplicantText Chinese { get; } = new()
    {
        Apply = "申请办理",
        ApplyTitleFormat = "申请办理：{0}",
        ApplyIntro = "填写一张表，每份材料上传一次。带 * 的项目必须填写；提交后各部门同时办理。",
        FormSection = "申请表",
        MaterialsSection = "上传材料",
        MaterialsIntro = "每份材料上传一个文件。标明“可容缺”的材料可以受理后再补交。",
        RequiredMark = "必填",
        ChooseOne = "请选择",
        OfferedPhone = "已从您的账号填入注册时验证的手机号，可以修改（如填写其他联系人的电话）。",
        OfferedEmail = "已从您的账号填入注册时留下的电子邮箱，可以修改或清空。",
        Yes = "是",
        No = "否",
        MaterialRequired = "必须提交",
        MaterialOptional = "按需提交",
        MaterialDeferrableFormat = "可容缺：受理后 {0}内补交",
        MaterialWhenFormat = "仅当{0}时需要",
        FormatsFormat = "格式：{0}",
        MaxSizeFormat = "不超过 {0} MB",
        MaterialMissingFormat = "{0}：请选择要上传的文件",
        MaterialWrongTypeFormat = "{0}：不接受“.{1}”文件（可用格式：{2}）",
        MaterialTooLargeFormat = "{0}：文件超过 {1} MB 的上限",
        MaterialEmptyFormat = "{0}：文件是空的",
        PhotoPagesLabel = "没有 PDF？拍照上传纸质材料",
        PhotoPagesHintFormat = "每页拍一张（JPG、PNG，最多 {0} 张），按拍摄或选择的顺序合成一份 PDF 提交；在手机上可直接打开相机，可多次拍摄。",
        PhotoCountFormat = "已选 {0} 张照片，将合成 {0} 页的 PDF",
        PhotoClear = "全部移除",
        PhotoListLabel = "已选的照片，按 PDF 的页序排列",
        PhotoPageFormat = "第 {0} 页",
        PhotoUp = "上移",
        PhotoDown = "下移",
        PhotoRemove = "移除",
        PhotoUpLabelFormat = "上移：第 {0} 页（{1}）",
        PhotoDownLabelFormat = "下移：第 {0} 页（{1}）",
        PhotoRemoveLabelFormat = "移除：第 {0} 页（{1}）",
        PhotoTooManyFormat = "{0}：拍照上传最多 {1} 张照片",
        PhotoMixedFormat = "{0}：请上传一个 PDF 文件，或只上传照片，不要两者都选",
        PhotoTotalTooLargeFormat = "{0}：照片合计超过 {1} MB 的上限，请减少页数或降低照片分辨率",
        PhotoPagesFormat = "由 {0} 张照片合成",
        Submit = "提交申请",
        ErrorSummaryTitle = "请检查以下问题",
        ReceiptTitle = "申请已提交",
        ReceiptIntro = "请记下受理编号，凭它查询办理进度。",
        TrackingNumber = "受理编号",
        Service = "事项",
        SubmittedAt = "提交时间",
        AcceptedAt = "受理时间",
        DueAt = "承诺办结时间",
        StatutoryDueAt = "法定办结期限",
        EndReason = "说明",
        DueNoteFormat = "按工作日计算（{0}，周末和法定节假日不计，北京时间）",
        DueAfterMaterials = "材料齐全、受理后开始计算",
        AwaitingMaterialsHint = "还缺少必须提交的材料：在办理进度页面上传后即受理并开始计时。",
        DeferredHintFormat = "容缺材料“{0}”请于 {1} 前补交。",
        ViewProgress = "查看办理进度",
        Status = "状态",
        NoApplications = "您还没有提交过申请。",
        ActionNeeded = "待您处理",
        ActionSupplementFormat = "补正材料：{0}",
        ActionMaterialsFormat = "补交材料：{0}",
        ActionCommitmentFormat = "签署告知承诺书：{0}",
        ActionByFormat = "请于 {0} 前办理",
        BrowseServices = "去服务目录选择要办的事",
        ProgressTitleFormat = "办理进度：{0}",
        Steps = "各部门办理环节",
        TimesNote = "时间均为北京时间；剩余时间只计工作时间，休息日和法定节假日不计。",
        ReceiptTimesNote = "时间均为北京时间；期限只计工作时间，休息日和法定节假日不计。",
        CommitmentOfferFormat = "本事项可实行告知承诺制：签署下面的承诺书即按承诺审批通过，部门于审批后 {0}起进行事后核查；核查发现未履行承诺的，{1}。",
        SignCommitment = "我已阅读并同意，签署承诺书",
        CommitmentTextNote = "",
        CommitmentSignedFormat = "已于 {0} 签署告知承诺书，事后核查：{1}（{2} 起）",
        CommitmentSignedAtWindowFormat = "已于 {0} 在窗口签署告知承诺书，按承诺审批通过，事后核查：{1}（{2} 起）",
        CommitmentDroppedFormat = "已于 {0} 签署告知承诺书；申请已结束，不再进行事后核查",
        RevokeStep = "撤销本事项的审批",
        EndApplication = "撤销审批并终止整个申请",
        Department = "办理部门",
        StepDue = "到期时间",
        StepStatutoryDue = "法定期限",
        PromisedCardSuffix = "（承诺时限）",
        StatutoryCardSuffix = "（法定时限）",
        TimeLeft = "剩余工作时间",
        StatutoryTimeLeft = "距法定期限剩余工作时间",
        LeftDaysFormat = "剩余 {0} 个工作日",
        LeftTimeFormat = "剩余 {0}",
        OverdueTimeFormat = "已超时 {0}",
        IfResumedNow = "（计时恢复后顺延）",
        DecidedAtFormat = "办结于 {0}",
        StepTimes = "办理经过",
        TimeSentFormat = "{0} 送达部门",
        TimeReceivedFormat = "{0} 部门接收",
        TimeClaimedFormat = "{0} 开始审查",
        TimeDecidedFormat = "{0} 作出决定",
        TimeEndedFormat = "{0} 结束",
        OnTime = "按时办结",
        Late = "超期办结",
        ClockPausedFormat = "计时暂停：{0}",
        PausedSinceFormat = "自 {0} 起",
        ExpectedEndFormat = "预计 {0} 结束",
        WhyThisDue = "为什么是这个时间",
        WhyCountsFromFormat = "自 {0} 起按工作时间计算（北京时间）",
        WhyGrantedFormat = "时限共 {0} 个工作小时",
        WhyExtendedFormat = "经批准延长 {0} 个工作小时",
        WhyUsedFormat = "已用 {0} 个工作小时",
        WhyPausedFormat = "暂停计时 {0} 个工作小时，不计入时限",
        WhyExpectedDueFormat = "不计入时限的期间若如期结束，预计 {0} 到期",
        WhyNotCountedTitle = "不计入时限的日期",
        WhyNotCountedFormat = "{0}：{1}，{2} 个工作小时不计",
        WhyMakeUpFormat = "{0}：调休上班（{1}），计入 {2} 个工作小时",
        UncountedStartDay = "受理当日不计入",
        UncountedWeekend = "周末",
        UncountedHolidayFormat = "法定节假日（{0}）",
        UncountedMaterialOverdue = "容缺材料逾期未补交，计时暂停",
        BundleClockTitle = "整件事的办理时限",
        StageTag = "阶段",
        ClockRunning = "正在计时",
        ClockNotStarted = "尚未开始计时",
        ClockStopped = "已停止计时",
        EnclosedStepsPaused = "在办环节均已暂停计时",
        PromisedLimitFormat = "承诺时限 {0}",
        StatutoryLimitFormat = "法定时限 {0}",
        WorkingDaysFormat = "{0} 个工作日",
        WorkingHoursFormat = "{0} 个工作小时",
        DueFormat = "{0} 到期",
        CountedFromStart = "开始后起算",
        YellowCard = "黄牌预警：时限将到",
        RedCard = "红牌：已超过时限",
        SupplementTitle = "需要补正的材料",
        SupplementIntro = "部门一次性告知了需要补正的全部材料。可以分次上传，每次至少一个文件；全部补齐后，暂停的计时恢复。",
        SupplementFromFormat = "{0}（{1}）于 {2} 提出",
        SupplementNoteFormat = "说明：{0}",
        ReasonFormat = "补正要求：{0}",
        CurrentAnswerFormat = "现填写：{0}；请填写更正后的内容。",
        StillMissingTitle = "待补交的材料",
        DueByFormat = "请于 {0} 前补交",
        Upload = "上传",
        Uploaded = "材料已上传。",
        StillToSupplyFormat = "还需上传：{0}",
        ReceivedFormat = "已于 {0} 收到；如需更正，可再次上传替换。",
        ChooseOneFile = "请至少选择一个要上传的文件",
        Materials = "材料",
        File = "文件",
        VersionFormat = "第 {0} 版",
        NotYetSupplied = "尚未提交",
        Messages = "通知",
        Certificates = "证照",
        CertificateRevoked = "已作废",
        CertificateRevokedFormat = "{0} 作废：{1}",
        TrackTitle = "按受理编号查询",
        TrackIntro = "输入回执上的受理编号，查看您的申请的办理进度。",
        TrackingNumberHint = "例如回执上的编号，字母不区分大小写",
        Find = "查询",
        TrackNotFoundFormat = "没有找到受理编号为“{0}”的申请。请核对编号；只能查询您本人提交的申请。",
        TrackEmpty = "请输入受理编号",
        NotFound = "没有找到这个申请",
        NotFoundHint = "请从“我的申请”中选择，或按受理编号查询。",
        WindowNotFoundHint = "请从窗口受理的在办申请中选择，或按受理编号查找。",
    };

    public static ApplicantText English { get; } = Chinese with
    {
        IsEnglishText = true,
        Apply = "Apply",
        ApplyTitleFormat = "Apply: {0}",
        ApplyIntro = "Fill in one form and upload each material once. Items marked * are required; after you submit, the departments work side by side.",
        FormSection = "Application form",
        MaterialsSection = "Upload materials",
        MaterialsIntro = "One file per material. Materials marked “may come later” can be supplied after acceptance.",
        RequiredMark = "required",
        ChooseOne = "Please choose",
        OfferedPhone = "Filled in from your account: the mobile number you verified when registering. You may change it (to another contact's number, say).",
        OfferedEmail = "Filled in from your account: the e-mail you gave when registering. You may change it or leave it empty.",
        Yes = "Yes",
        No = "No",
        MaterialRequired = "Required",
        MaterialOptional = "If applicable",
        MaterialDeferrableFormat = "May come later (容缺): within {0} after acceptance",
        MaterialWhenFormat = "Needed only when {0}",
        FormatsFormat = "Formats: {0}",
        MaxSizeFormat = "at most {0} MB",
        MaterialMissingFormat = "{0}: please choose the file to upload",
        MaterialWrongTypeFormat = "{0}: \".{1}\" files are not accepted (formats: {2})",
        MaterialTooLargeFormat = "{0}: the file is larger than the {1} MB limit",
        MaterialEmptyFormat = "{0}: the file is empty",
        PhotoPagesLabel = "No PDF? Photograph the paper document",
        PhotoPagesHintFormat = "One photo per page (JPG, PNG, at most {0}), made into one PDF in the order taken or chosen; on a phone this opens the camera, and you can take several.",
        PhotoCountFormat = "{0} photos chosen: a PDF of {0} pages",
        PhotoClear = "Remove them all",
        PhotoListLabel = "The photos chosen, in the order of the PDF's pages",
        PhotoPageFormat = "Page {0}",
        PhotoUp = "Up",
        PhotoDown = "Down",
        PhotoRemove = "Remove",
        PhotoUpLabelFormat = "Up: page {0} ({1})",
        PhotoDownLabelFormat = "Down: page {0} ({1})",
        PhotoRemoveLabelFormat = "Remove: page {0} ({1})",
        PhotoTooManyFormat = "{0}: at most {1} photos can be uploaded",
        PhotoMixedFormat = "{0}: upload one PDF file, or photos only, not both",
        PhotoTotalTooLargeFormat = "{0}: the photos together are over the {1} MB limit; send fewer pages or take them at a lower resolution",
        PhotoPagesFormat = "made of {0} photos",
        Submit = "Submit the application",
        ErrorSummaryTitle = "Please check the following",
        ReceiptTitle = "Application submitted",
        ReceiptIntro = "Note the tracking number: it finds your application's progress.",
        TrackingNumber = "Tracking number",
        Service = "Service",
        SubmittedAt = "Submitted",
        AcceptedAt = "Accepted",
        DueAt = "Promised completion",
        StatutoryDueAt = "Statutory deadline",
        EndReason = "Why",
        DueNoteFormat = "Counted in working time ({0}; weekends and public holidays excluded; Beijing time)",
        DueAfterMaterials = "Counted from acceptance, once the materials are complete",
        AwaitingMaterialsHint = "A required material is still missing: upload it on the progress page and the application is accepted and its time starts.",
        DeferredHintFormat = "Please supply “{0}” (accepted as coming later) by {1}.",
        ViewProgress = "See the progress",
        Status = "Status",
        NoApplications = "You have not submitted any application yet.",
        ActionNeeded = "Action needed",
        ActionSupplementFormat = "Supplement: {0}",
        ActionMaterialsFormat = "Supply: {0}",
        ActionCommitmentFormat = "Sign the commitment: {0}",
        ActionByFormat = "by {0}",
        BrowseServices = "Choose a service from the list",
        ProgressTitleFormat = "Progress: {0}",
        Steps = "Each department's step",
        TimesNote = "Times are Beijing time (UTC+8); the time left counts working time only, not rest days or public holidays.",
        ReceiptTimesNote = "Times are Beijing time (UTC+8); limits count working time only, not rest days or public holidays.",
        CommitmentOfferFormat = "This step may be approved on your commitment: sign the text below and it is approved at once; the department verifies it from {0} after the approval, and if the commitment was not kept it will {1}.",
        SignCommitment = "I have read and accept it: sign the commitment",
        CommitmentTextNote = "The commitment is signed in Chinese, word for word as below.",
        CommitmentSignedFormat = "Commitment signed on {0}; verification: {1} (from {2})",
        CommitmentSignedAtWindowFormat = "Commitment signed at the service window on {0} and approved on it; verification: {1} (from {2})",
        CommitmentDroppedFormat = "Commitment signed on {0}; the application has ended, so it will not be checked",
        RevokeStep = "revoke this step's approval",
        EndApplication = "revoke the approval and end the whole application",
        Department = "Department",
        StepDue = "Due",
        StepStatutoryDue = "Statutory due",
        PromisedCardSuffix = " (promised limit)",
        StatutoryCardSuffix = " (statutory limit)",
        TimeLeft = "Working time left",
        StatutoryTimeLeft = "Working time left (statutory)",
        LeftDaysFormat = "{0} working days left",
        LeftTimeFormat = "{0} left",
        OverdueTimeFormat = "{0} overdue",
        IfResumedNow = " (moves on while paused)",
        DecidedAtFormat = "Decided on {0}",
        StepTimes = "What happened when",
        TimeSentFormat = "{0} sent to the department",
        TimeReceivedFormat = "{0} received by the department",
        TimeClaimedFormat = "{0} taken up by a clerk",
        TimeDecidedFormat = "{0} decided",
        TimeEndedFormat = "{0} ended",
        OnTime = "On time",
        Late = "Late",
        ClockPausedFormat = "Time stopped: {0}",
        PausedSinceFormat = "since {0}",
        ExpectedEndFormat = "expected to end at {0}",
        WhyThisDue = "Why this due time",
        WhyCountsFromFormat = "Counted in working time from {0} (Beijing time)",
        WhyGrantedFormat = "The limit is {0} working hours",
        WhyExtendedFormat = "Extended by {0} working hours, approved",
        WhyUsedFormat = "{0} working hours used",
        WhyPausedFormat = "Stopped for {0} working hours, which do not count",
        WhyExpectedDueFormat = "If the period that does not count ends as expected, due {0}",
        WhyNotCountedTitle = "Days that did not count",
        WhyNotCountedFormat = "{0}: {1}, {2} working hours not counted",
        WhyMakeUpFormat = "{0}: a weekend worked (for {1}), {2} working hours counted",
        UncountedStartDay = "the day of acceptance does not count",
        UncountedWeekend = "weekend",
        UncountedHolidayFormat = "public holiday ({0})",
        UncountedMaterialOverdue = "a material accepted as coming later is overdue; time stopped",
        BundleClockTitle = "Time limits of the whole application",
        StageTag = "Stage",
        ClockRunning = "Time is running",
        ClockNotStarted = "Not started yet",
        ClockStopped = "Time has stopped",
        EnclosedStepsPaused = "every step under way is stopped",
        PromisedLimitFormat = "Promised limit: {0}",
        StatutoryLimitFormat = "Statutory limit: {0}",
        WorkingDaysFormat = "{0} working days",
        WorkingHoursFormat = "{0} working hours",
        DueFormat = "due {0}",
        CountedFromStart = "counted from its start",
        YellowCard = "Yellow card: the limit is near",
        RedCard = "Red card: the limit has passed",
        SupplementTitle = "Materials to supplement",
        SupplementIntro = "The department has told you, once, every material to supplement. You may upload them in parts, at least one file at a time; when all have arrived, the stopped time runs again.",
        SupplementFromFormat = "Asked by {0} ({1}) on {2}",
        SupplementNoteFormat = "Note: {0}",
        ReasonFormat = "What is needed: {0}",
        CurrentAnswerFormat = "Now: {0}; enter the corrected answer.",
        StillMissingTitle = "Materials still to supply",
        DueByFormat = "Please supply it by {0}",
        Upload = "Upload",
        Uploaded = "The materials were uploaded.",
        StillToSupplyFormat = "Still to upload: {0}",
        ReceivedFormat = "Received {0}; upload again to replace it.",
        ChooseOneFile = "Please choose at least one file to upload",
        Materials = "Materials",
        File = "File",
        VersionFormat = "version {0}",
        NotYetSupplied = "Not supplied yet",
        Messages = "Messages",
        Certificates = "Certificates",
        CertificateRevoked = "Revoked",
        CertificateRevokedFormat = "Revoked on {0}: {1}",
        TrackTitle = "Find by tracking number",
        TrackIntro = "Enter the tracking number on your receipt to see your application's progress.",
        TrackingNumberHint = "As printed on the receipt; letters in either case",
        Find = "Find",
        TrackNotFoundFormat = "No application has the tracking number “{0}”. Please check it; you can find only applications you submitted.",
        TrackEmpty = "Please enter a tracking number",
        NotFound = "Application not found",
        NotFoundHint = "Choose one from My applications, or find it by its tracking number.",
        WindowNotFoundHint = "Choose one from the walk-in applications, or find it by its tracking number.",
    };

    private static readonly Dictionary<string, (string Zh, string En)> Statuses = new(StringComparer.Ordinal)
    {
        ["awaiting-materials"] = ("待补齐材料", "Awaiting materials"),
        ["in-progress"] = ("办理中", "In progress"),
        ["incident"] = ("处理异常，管理员正在处理", "Held up; an administrator is on it"),
        ["completed"] = ("已办结", "Completed"),
        ["rejected"] = ("不予办理", "Refused"),
        ["cancelled"] = ("已撤销", "Cancelled"),
        ["withdrawn"] = ("已撤回", "Withdrawn"),
        ["pending"] = ("未开始", "Not started"),
        ["dispatched"] = ("已送达部门", "Sent to the department"),
        ["received"] = ("部门已接收", "Received by the department"),
        ["claimed"] = ("审批中", "Being examined"),
        ["running"] = ("办理中", "In progress"),
        ["approved"] = ("已通过", "Approved"),
        ["skipped"] = ("无需办理", "Not needed"),
        ["deferred"] = ("容缺待补交", "Coming later"),
        ["missing"] = ("未提交", "Missing"),
        ["optional"] = ("按需提交", "If applicable"),
        ["supplement-requested"] = ("补正", "supplementary material requested"),
        ["revoked"] = ("已撤销审批", "Approval revoked"),
        ["awaiting-verification"] = ("待核查", "to be verified"),
        ["verifying"] = ("核查中", "being verified"),
        ["passed"] = ("符合承诺", "commitment kept"),
        ["failed"] = ("未履行承诺", "commitment not kept"),
        ["dropped"] = ("不再核查（申请已结束）", "not checked: the application ended"),
        ["excluded-period"] = ("不计入时限的期间", "a period that does not count"),
    };

    /// <summary>The table of the request's language.</summary>
    public static ApplicantText Current => PageText.IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese;

    public required string Apply { get; init; }

    public required string ApplyTitleFormat { get; init; }

    public required string ApplyIntro { get; init; }

    public required string FormSection { get; init; }

    public required string MaterialsSection { get; init; }

    public required string MaterialsIntro { get; init; }

    public required string RequiredMark { get; init; }

    public required string ChooseOne { get; init; }

    /// <summary>Under a phone field the form filled with the number the applicant verified when registering: it is theirs to change.</summary>
    public required string OfferedPhone { get; init; }

    /// <summary>Under an e-mail field the form filled with the e-mail the applicant gave when registering: it is theirs to change.</summary>
    public required string OfferedEmail { get; init; }

    public required string Yes { get; init; }

    public required string No { get; init; }

    public required string MaterialRequired { get; init; }

    public required string MaterialOptional { get; init; }

    public required string MaterialDeferrableFormat { get; init; }

    /// <summary>A material that only some answers call for: {0} is the condition in words, as the one-time notice words it.</summary>
    public required string MaterialWhenFormat { get; init; }

    public required string FormatsFormat { get; init; }

    public required string MaxSizeFormat { get; init; }

    /// <summary>A required material without a file, as the browser says it when the form is submitted.</summary>
    public required string MaterialMissingFormat { get; init; }

    /// <summary>A file of a format the material does not take, as the server words it: {1} is the file's extension, {2} the formats.</summary>
    public required string MaterialWrongTypeFormat { get; init; }

    /// <summary>A file over the material's limit ({1} MB), as the server words it.</summary>
    public required string MaterialTooLargeFormat { get; init; }

    public required string MaterialEmptyFormat { get; init; }

    /// <summary>The camera input of a material that takes PDF: photos of a paper document's pages, assembled into one PDF.</summary>
    public required string PhotoPagesLabel { get; init; }

    public required string PhotoPagesHintFormat { get; init; }

    public required string PhotoCountFormat { get; init; }

    public required string PhotoClear { get; init; }

    /// <summary>
    /// The list of the photos chosen for a material (where the page's script runs): each as its page, with buttons to
    /// move it up or down or take it out, labelled with the page and the file's name (<c>{0}</c>, <c>{1}</c>).
    /// </summary>
    public required string PhotoListLabel { get; init; }

    public required string PhotoPageFormat { get; init; }

    public required string PhotoUp { get; init; }

    public required string PhotoDown { get; init; }

    public required string PhotoRemove { get; init; }

    public required string PhotoUpLabelFormat { get; init; }

    public required string PhotoDownLabelFormat { get; init; }

    public required string PhotoRemoveLabelFormat { get; init; }

    public required string PhotoTooManyFormat { get; init; }

    public required string PhotoMixedFormat { get; init; }

    public required string PhotoTotalTooLargeFormat { get; init; }

    /// <summary>Beside a received material assembled from photos.</summary>
    public required string PhotoPagesFormat { get; init; }

    public required string Submit { get; init; }

    public required string ErrorSummaryTitle { get; init; }

    /// <summary>Worded with the layout's navigation, which names these pages too (<see cref="PageText.MyApplications"/>).</summary>
    public string MyApplications => Site.MyApplications;

    public string TrackByNumber => Site.TrackByNumber;

    private PageText Site => IsEnglishText ? PageText.English : PageText.Chinese;

    public required string ReceiptTitle { get; init; }

    public required string ReceiptIntro { get; init; }

    public required string TrackingNumber { get; init; }

    public required string Service { get; init; }

    public required string SubmittedAt { get; init; }

    public required string AcceptedAt { get; init; }

    public required string DueAt { get; init; }

    public required string StatutoryDueAt { get; init; }

    /// <summary>The label of why an application ended as it did (refused, ended), beside its status.</summary>
    public required string EndReason { get; init; }

    public required string DueNoteFormat { get; init; }

    public required string DueAfterMaterials { get; init; }

    public required string AwaitingMaterialsHint { get; init; }

    public required string DeferredHintFormat { get; init; }

    public required string ViewProgress { get; init; }

    public required string Status { get; init; }

    public required string NoApplications { get; init; }

    /// <summary>The mark of an application that waits on its applicant (a supplement, a material, a commitment).</summary>
    public required string ActionNeeded { get; init; }

    /// <summary>{0} the materials a supplement request (补正) asks for that have not come yet.</summary>
    public required string ActionSupplementFormat { get; init; }

    /// <summary>{0} the materials accepted as coming later (容缺) or still missing.</summary>
    public required string ActionMaterialsFormat { get; init; }

    /// <summary>{0} the step whose commitment (告知承诺书) may be signed.</summary>
    public required string ActionCommitmentFormat { get; init; }

    /// <summary>{0} when what is needed is due.</summary>
    public required string ActionByFormat { get; init; }

    public required string BrowseServices { get; init; }

    public required string ProgressTitleFormat { get; init; }

    public required string Steps { get; init; }

    /// <summary>
    /// That the timeline's times are Beijing time and its time left counts working time: an applicant abroad (a foreign
    /// investor, say) reads a bare "11:00" in the phone's own zone.
    /// </summary>
    public required string TimesNote { get; init; }

    /// <summary>The same for the receipt, which shows due times but no time left.</summary>
    public required string ReceiptTimesNote { get; init; }

    /// <summary>告知承诺: what signing does; {0} the wait before the verification, {1} what a failed one does.</summary>
    public required string CommitmentOfferFormat { get; init; }

    public required string SignCommitment { get; init; }

    /// <summary>Before the commitment's words, which are signed as the definition gives them (in Chinese): empty where they need no note.</summary>
    public required string CommitmentTextNote { get; init; }

    /// <summary>How long after the approval the verification comes, in the page's language.</summary>
    public string VerifyWithin(WorkflowEngine.Hosting.Api.CommitmentDto commitment) =>
        IsEnglishText && !string.IsNullOrEmpty(commitment.VerifyWithinEn) ? commitment.VerifyWithinEn : commitment.VerifyWithin;

    /// <summary>{0} when signed, {1} the verification's status, {2} when it comes.</summary>
    public required string CommitmentSignedFormat { get; init; }

    /// <summary>The same for a commitment signed on paper at the service window: when, the verification's status, from when.</summary>
    public required string CommitmentSignedAtWindowFormat { get; init; }

    /// <summary>A commitment whose verification will not come: the application was withdrawn or cancelled first.</summary>
    public required string CommitmentDroppedFormat { get; init; }

    public required string RevokeStep { get; init; }

    public required string EndApplication { get; init; }

    public required string Department { get; init; }

    public required string StepDue { get; init; }

    /// <summary>Where a step's statutory limit (法定时限) falls due, beside its promised one.</summary>
    public required string StepStatutoryDue { get; init; }

    /// <summary>After a card: the limit it is against.</summary>
    public required string PromisedCardSuffix { get; init; }

    public required string StatutoryCardSuffix { get; init; }

    /// <summary>The limit a card is against, after the card; empty without one.</summary>
    public string CardLimit(string? limit) => limit switch
    {
        "statutory" => StatutoryCardSuffix,
        "promised" => PromisedCardSuffix,
        _ => "",
    };

    public required string TimeLeft { get; init; }

    /// <summary>The heading of a step's working time left against its statutory limit.</summary>
    public required string StatutoryTimeLeft { get; init; }

    public required string LeftDaysFormat { get; init; }

    /// <summary>Working time left under a day, in hours and minutes ({0}: "4 小时 30 分钟"), under the "time left" heading.</summary>
    public required string LeftTimeFormat { get; init; }

    /// <summary>How far past its due time a limit is, in hours and minutes ({0}).</summary>
    public required string OverdueTimeFormat { get; init; }

    public required string IfResumedNow { get; init; }

    public required string DecidedAtFormat { get; init; }

    /// <summary>The label of a step's times on the timeline (sent, received, taken up, decided).</summary>
    public required string StepTimes { get; init; }

    public required string TimeSentFormat { get; init; }

    public required string TimeReceivedFormat { get; init; }

    public required string TimeClaimedFormat { get; init; }

    public required string TimeDecidedFormat { get; init; }

    /// <summary>A step that ended without a decision (not needed, cancelled).</summary>
    public required string TimeEndedFormat { get; init; }

    public required string OnTime { get; init; }

    public required string Late { get; init; }

    public required string ClockPausedFormat { get; init; }

    public required string PausedSinceFormat { get; init; }

    /// <summary>When an excluded period is expected to end, as its clerk last gave it.</summary>
    public required string ExpectedEndFormat { get; init; }

    /// <summary>The heading of a step's explained due time (the clocks API's explanation).</summary>
    public required string WhyThisDue { get; init; }

    public required string WhyCountsFromFormat { get; init; }

    public required string WhyGrantedFormat { get; init; }

    public required string WhyExtendedFormat { get; init; }

    public required string WhyUsedFormat { get; init; }

    public required string WhyPausedFormat { get; init; }

    /// <summary>{0} where the due time falls if the excluded period under way ends when expected.</summary>
    public required string WhyExpectedDueFormat { get; init; }

    public required string WhyNotCountedTitle { get; init; }

    /// <summary>{0} the date, {1} why it did not count, {2} the office hours left out.</summary>
    public required string WhyNotCountedFormat { get; init; }

    /// <summary>{0} the date, {1} the holiday it makes up for, {2} the office hours it gave.</summary>
    public required string WhyMakeUpFormat { get; init; }

    public required string UncountedStartDay { get; init; }

    public required string UncountedWeekend { get; init; }

    /// <summary>{0} the holiday's name.</summary>
    public required string UncountedHolidayFormat { get; init; }

    public required string UncountedMaterialOverdue { get; init; }

    /// <summary>Why a day did not count, as the clocks API names it, in words; a pause's reason as <see cref="StatusOf"/> words it.</summary>
    public string UncountedOf(string reason, string? name) => reason switch
    {
        "start-day" => UncountedStartDay,
        "weekend" => UncountedWeekend,
        "holiday" => Format(UncountedHolidayFormat, name ?? ""),
        "material-overdue" => UncountedMaterialOverdue,
        _ => StatusOf(reason) + (name is { Length: > 0 } ? (IsEnglishText ? ": " : "：") + name : ""),
    };

    /// <summary>Working hours as the explanation writes them: 2, 3.5.</summary>
    public static string Hours(decimal hours) => Amount(hours);

    /// <summary>A date as people in China write it: 2026-03-02.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The heading of the bundle's clock at the top of the progress page.</summary>
    public required string BundleClockTitle { get; init; }

    /// <summary>Beside a stage's title, so that a stage is told from a step in words, not by its box alone.</summary>
    public required string StageTag { get; init; }

    public required string ClockRunning { get; init; }

    public required string ClockNotStarted { get; init; }

    public required string ClockStopped { get; init; }

    /// <summary>Why a stage's or the bundle's clock stands still: every step open under it stands still (each says why).</summary>
    public required string EnclosedStepsPaused { get; init; }

    /// <summary>{0} the limit's length, e.g. "45 个工作日".</summary>
    public required string PromisedLimitFormat { get; init; }

    public required string StatutoryLimitFormat { get; init; }

    public required string WorkingDaysFormat { get; init; }

    public required string WorkingHoursFormat { get; init; }

    /// <summary>{0} the due time.</summary>
    public required string DueFormat { get; init; }

    /// <summary>In place of a due time while a clock has not started.</summary>
    public required string CountedFromStart { get; init; }

    public required string YellowCard { get; init; }

    public required string RedCard { get; init; }

    public required string SupplementTitle { get; init; }

    public required string SupplementIntro { get; init; }

    public required string SupplementFromFormat { get; init; }

    public required string SupplementNoteFormat { get; init; }

    public required string ReasonFormat { get; init; }

    /// <summary>Beside a form answer a supplement request asks to correct: the answer it has now.</summary>
    public required string CurrentAnswerFormat { get; init; }

    public required string StillMissingTitle { get; init; }

    public required string DueByFormat { get; init; }

    public required string Upload { get; init; }

    public required string Uploaded { get; init; }

    /// <summary>The materials asked for that have not come yet, after an upload of some of them: {0} lists them.</summary>
    public required string StillToSupplyFormat { get; init; }

    /// <summary>An item of a supplement request that a file has answered since: {0} is when it came.</summary>
    public required string ReceivedFormat { get; init; }

    /// <summary>The upload form sent without a file.</summary>
    public required string ChooseOneFile { get; init; }

    public required string Materials { get; init; }

    public required string File { get; init; }

    public required string VersionFormat { get; init; }

    public required string NotYetSupplied { get; init; }

    public required string Messages { get; init; }

    public required string Certificates { get; init; }

    /// <summary>A certificate void since the approval it rests on was revoked (作废).</summary>
    public required string CertificateRevoked { get; init; }

    /// <summary>When a certificate was revoked ({0}) and why ({1}).</summary>
    public required string CertificateRevokedFormat { get; init; }

    public required string TrackTitle { get; init; }

    public required string TrackIntro { get; init; }

    public required string TrackingNumberHint { get; init; }

    public required string Find { get; init; }

    public required string TrackNotFoundFormat { get; init; }

    public required string TrackEmpty { get; init; }

    public required string NotFound { get; init; }

    public required string NotFoundHint { get; init; }

    /// <summary>The hint for window staff, on their route to a walk-in's application.</summary>
    public required string WindowNotFoundHint { get; init; }

    public bool IsEnglishText { get; private init; }

    /// <summary>A status, warning or pause reason as the API names it, in words; an unknown name as it is.</summary>
    public string StatusOf(string? name) =>
        name is null ? "" : Statuses.TryGetValue(name, out var words) ? IsEnglishText ? words.En : words.Zh : name;

    /// <summary>
    /// The working time a limit has left, in days from one working day up, else in hours and minutes; once passed, how
    /// far over, in hours and minutes.
    /// While the clock stands still the due time moves on with the pause, and the words say so.
    /// </summary>
    public string Left(ClockLimitDto limit)
    {
        var words = limit.Overdue || limit.LeftHours < 0
            ? Format(OverdueTimeFormat, WorkingTimeWords.Of(limit.LeftHours, IsEnglishText))
            : limit.LeftWorkingDays >= 1
                ? Format(LeftDaysFormat, Amount(limit.LeftWorkingDays))
                : Format(LeftTimeFormat, WorkingTimeWords.Of(limit.LeftHours, IsEnglishText));
        return limit.DueAtIfResumedNow ? words + IfResumedNow : words;
    }

    /// <summary>A limit's length in working days or working hours, as the definition gives it.</summary>
    public string Length(WorkingTimeLimit limit) =>
        limit.WorkingDays is { } days ? Format(WorkingDaysFormat, Amount(days)) : Format(WorkingHoursFormat, Amount(limit.WorkingHours ?? 0));

    /// <summary>How a clock stands, in words: running, not started, stopped; a pause is worded with its reason.</summary>
    public string ClockStateOf(string status) => status switch
    {
        "running" => ClockRunning,
        "not-started" => ClockNotStarted,
        _ => ClockStopped,
    };

    private static string Amount(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A time in Asia/Shanghai as people there write it: 2026-03-02 09:00.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } t ? ChinaTime.ToLocal(t).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    public static string Format(string format, params object?[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
