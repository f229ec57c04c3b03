using System.Globalization;
using System.Text.Json.Nodes;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// The desk pages' words: each text is written in Chinese and English side by side where it is used, so that neither
/// can be left out (both arguments are required), and the desk's many small labels stay next to the markup they label.
/// </summary>
public static class DeskText
{
    public static string Say(string zh, string en) => SharedText.Say(zh, en);

    /// <summary>A refusal or field error of a clerk's action in the page's language.</summary>
    public static string Say(ProblemText problem) => SharedText.Say(problem);

    /// <summary>An instant as a clerk in Shanghai reads it.</summary>
    public static string Time(DateTimeOffset? instant) => SharedText.Time(instant);

    public static string Status(string status) => status switch
    {
        TaskStatuses.Open => Say("待认领", "Unclaimed"),
        TaskStatuses.Claimed => Say("办理中", "Claimed"),
        TaskStatuses.Completed => Say("已办结", "Completed"),
        TaskStatuses.Cancelled => Say("已撤销", "Cancelled"),
        _ => status,
    };

    /// <summary>The queue's filters by name.</summary>
    public static string Filter(string filter) => filter switch
    {
        "open" => Say("未办结", "Not finished"),
        "unclaimed" => Say("待认领", "Unclaimed"),
        "claimed" => Say("办理中", "Claimed"),
        "completed" => Say("已办结", "Completed"),
        "cancelled" => Say("已撤销", "Cancelled"),
        "all" => Say("全部", "All"),
        _ => filter,
    };

    public static string Warning(string? warning) => warning switch
    {
        "red" => Say("红牌：已超期", "Red: overdue"),
        "yellow" => Say("黄牌：临近期限", "Yellow: due soon"),
        _ => "",
    };

    /// <summary>A task's step title in the page's language (English where the engine sent it, <c>ExecuteStep.titleEn</c>).</summary>
    public static string Title(TaskRecord task) => task.TitleIn(PageText.Current.IsEnglishText);

    /// <summary>A task's service title in the page's language (English where the engine sent it).</summary>
    public static string ServiceTitle(TaskRecord task) => task.ServiceTitleIn(PageText.Current.IsEnglishText);

    /// <summary>Why the task is supervised, in the page's language where the engine sent it so; null when it is not.</summary>
    public static string? SupervisedBecause(TaskRecord? task) => task?.SupervisedBecauseIn(PageText.Current.IsEnglishText);

    /// <summary>Why a task is as it is (the engine's reason for recalling it, …) in the page's language where said in English too.</summary>
    public static string? Note(TaskRecord task) => task.NoteIn(PageText.Current.IsEnglishText);

    /// <summary>A title kept with a request for more time or a notice, in English where it was kept in English too.</summary>
    public static string Title(string zh, string? en) => Say(zh, en ?? zh);

    /// <summary>A material the step lists (<c>ExecuteStep.materials</c>) by its name in the page's language: its <c>nameEn</c> where the engine sent it.</summary>
    public static string? MaterialName(JsonObject material) => material["name"]?.GetValue<string>() is { } zh
        ? Say(zh, material["nameEn"]?.GetValue<string>() ?? zh)
        : null;

    /// <summary>
    /// Why a material's PDF is a phone's photos: "由 3 张照片合成 PDF" where the engine says the applicant photographed
    /// the paper document's pages (<c>photoPages</c>); null for a file uploaded as it is, and from older engines.
    /// </summary>
    public static string? PhotoPages(JsonObject material) => material["photoPages"] is JsonValue value && value.TryGetValue<int>(out var photos) && photos > 0
        ? Say($"由 {photos} 张照片合成 PDF", $"a PDF made of {photos} photos")
        : null;

    /// <summary>A file's size as people read it (<c>812 B</c>, <c>48 KB</c>, <c>1.2 MB</c>); null where the engine did not say it.</summary>
    public static string? Size(JsonNode? file) => file?["size"] is JsonValue value && value.TryGetValue<long>(out var bytes) && bytes >= 0
        ? bytes switch
        {
            < 1024 => $"{bytes} B",
            < 1024 * 1024 => $"{Math.Ceiling(bytes / 1024d).ToString(CultureInfo.InvariantCulture)} KB",
            _ => $"{(bytes / (1024d * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        }
        : null;

    /// <summary>
    /// That the file is the version the applicant supplied for a supplement request (补正) of the step, which version and
    /// when (<c>suppliedAt</c>, kept by the department): "补正提交（第 2 版，2026-03-02 10:00）"; null for the file the
    /// step came with.
    /// </summary>
    public static string? Supplied(JsonObject material) =>
        material[TaskPayloadKeys.SuppliedAt] is JsonValue value && value.TryGetValue<DateTimeOffset>(out var at)
            ? material["version"] is JsonValue v && v.TryGetValue<int>(out var version)
                ? Say($"补正提交（第 {version} 版，{Time(at)}）", $"supplied for the supplement request (version {version}, {Time(at)})")
                : Say($"补正提交（{Time(at)}）", $"supplied for the supplement request ({Time(at)})")
            : null;

    /// <summary>
    /// Which version of a material the step received, and how (<see cref="TaskPayloadKeys.Versions"/>): "第 3 版 · 第 2 次补正提交（2026-03-02 11:05）",
    /// or for the file the step came with "第 1 版 · 补正前收到的文件".
    /// </summary>
    public static string VersionReceived(JsonObject version)
    {
        var number = version["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        var (zh, en) = number is null ? ("版本不详", "Version unknown") : ($"第 {number} 版", $"Version {number}");
        if (version[TaskPayloadKeys.SuppliedAt] is not JsonValue value || !value.TryGetValue<DateTimeOffset>(out var at))
        {
            return Say($"{zh} · 补正前收到的文件", $"{en} · received before the supplement requests");
        }

        return version[TaskPayloadKeys.SupplementRound] is JsonValue r && r.TryGetValue<int>(out var round)
            ? Say($"{zh} · 第 {round} 次补正提交（{Time(at)}）", $"{en} · supplied for supplement request {round} ({Time(at)})")
            : Say($"{zh} · 补正提交（{Time(at)}）", $"{en} · supplied for a supplement request ({Time(at)})");
    }

    /// <summary>
    /// What is known of a file besides its name: its version where it is not the first, its size and the photos it was
    /// made of ("第 1 版 · 48 KB · 由 3 张照片合成 PDF"); null where nothing is.
    /// </summary>
    public static string? FileFacts(JsonObject file)
    {
        string?[] facts =
        [
            file["version"] is JsonValue v && v.TryGetValue<int>(out var version) ? Say($"第 {version} 版", $"version {version}") : null,
            Size(file),
            PhotoPages(file),
        ];
        return facts.Any(f => f is not null) ? string.Join(" · ", facts.OfType<string>()) : null;
    }

    /// <summary>Why a task's clock stands still, in the page's language where the engine said it in English too; null when not said.</summary>
    public static string? PausedBecause(TaskRecord task) => task.ClockPausedBecauseIn(PageText.Current.IsEnglishText);

    /// <summary>The limit a card is against: 法定时限 (statutory) or 承诺时限 (promised).</summary>
    public static string Limit(string limit) => limit == "statutory" ? Say("法定时限", "Statutory limit") : Say("承诺时限", "Promised limit");

    /// <summary>One limit's card as a supervisor reads it: which limit, which colour, and its due time (passed or coming).</summary>
    public static string Card(string limit, string warning, DateTimeOffset? dueAt) => warning == "red"
        ? Say($"{Limit(limit)}红牌：已于 {Time(dueAt)} 到期", $"{Limit(limit)} red: was due {Time(dueAt)}")
        : Say($"{Limit(limit)}黄牌：{Time(dueAt)} 到期", $"{Limit(limit)} yellow: due {Time(dueAt)}");

    /// <summary>A raised queue priority (by an escalation rule): 加急 or 特急; empty for a normal one.</summary>
    public static string Priority(int rank) => rank switch
    {
        1 => Say("加急", "High priority"),
        >= 2 => Say("特急", "Urgent"),
        _ => "",
    };

    public static string Outcome(string? outcome) => outcome switch
    {
        "approved" => Say("通过", "Approved"),
        "rejected" => Say("不予通过", "Rejected"),
        _ => outcome ?? "",
    };

    public static string ExclusionKind(string kind) => kind switch
    {
        "testing" => Say("检验检测", "Testing"),
        "inspection" => Say("现场勘验", "On-site inspection"),
        "quarantine" => Say("检疫", "Quarantine"),
        "expert-review" => Say("专家评审", "Expert review"),
        "hearing" => Say("听证", "Hearing"),
        _ => kind,
    };

    public static string ExtensionStatus(string status) => SharedText.ExtensionStatus(status);

    public static string MaterialStatus(string? status) => status switch
    {
        "received" => Say("已提交", "Received"),
        "deferred" => Say("容缺，待补交", "Deferred, to follow"),
        "missing" => Say("未提交", "Missing"),
        "optional" => Say("未提交（非必需）", "Not given (optional)"),
        _ => status ?? "",
    };

    /// <summary>The time a request for more time asks for, in words.</summary>
    public static string Amount(ExtensionRequest extension) => extension.WorkingDays is { } days
        ? Say(Invariant($"{days:0.##} 个工作日"), Invariant($"{days:0.##} working day(s)"))
        : Say(Invariant($"{extension.WorkingHours ?? 0:0.##} 个工作小时"), Invariant($"{extension.WorkingHours ?? 0:0.##} working hour(s)"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
