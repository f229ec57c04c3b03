using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Core.Activities;

/// <summary>
/// What the applicant reads when a time limit moves — an approved extension (行政许可法 Art. 42) or a period the law does
/// not count (Art. 45) — the same words for the bundle, a stage or a step, in both languages.
/// </summary>
public static class ClockNotices
{
    /// <summary>The notice kind of an approved extension.</summary>
    public const string Extended = "extended";

    /// <summary>The notice kind of a period not counted (testing, inspection, expert review, hearing).</summary>
    public const string Excluded = "clock-excluded";

    /// <summary>The notice kind of the end of such a period.</summary>
    public const string Resumed = "clock-resumed";

    /// <summary>The notice kind of a new expected end of such a period.</summary>
    public const string ExclusionEndMoved = "clock-exclusion-end-changed";

    /// <param name="title">What was extended as the sentence names it (e.g. “营业执照”); <paramref name="titleEn"/> likewise.</param>
    /// <param name="provisional">Set when the new due time is counted through a year whose holidays are not loaded (暂定).</param>
    public static NotifyApplicant Extension(
        string trackingNumber, string title, string titleEn, WorkingTimeLimit added, string reason, DateTimeOffset? dueAt, ProvisionalDue? provisional) =>
        NotifyApplicant.Of(
            Extended,
            $"您的申请（{trackingNumber}）{title}的办理时限经批准延长 {added}（{reason}）{Due(dueAt, provisional)}。",
            $"The time limit of {titleEn} on your application ({trackingNumber}) has been extended with approval by {English(added)} ({reason}){DueEn(dueAt, provisional)}.");

    public static NotifyApplicant Exclusion(
        string trackingNumber, string title, string titleEn, string kind, string kindEn, string reason, DateTimeOffset? until) =>
        NotifyApplicant.Of(
            Excluded,
            $"您的申请（{trackingNumber}）{title}进入{kind}期间（{reason}），该期间依法不计入办理时限"
                + (until is { } end ? $"，预计于 {ChinaTime.Format(end)} 结束。" : "，结束后办理时限继续计算。"),
            $"{Capital(titleEn)} on your application ({trackingNumber}) waits for {kindEn} ({reason}): by law this period does not count towards its time limit"
                + (until is { } endEn ? $"; it is expected to end at {ChinaTime.Format(endEn)}." : "; the time limit runs again when it ends."));

    /// <summary>The period not counted now ends at <paramref name="until"/>; <paramref name="before"/> is the end told before, if one was.</summary>
    public static NotifyApplicant ExclusionEndChanged(
        string trackingNumber, string title, string titleEn, DateTimeOffset until, DateTimeOffset? before) =>
        NotifyApplicant.Of(
            ExclusionEndMoved,
            $"您的申请（{trackingNumber}）{title}的不计时期间"
                + (before is { } was ? $"预计结束时间由 {ChinaTime.Format(was)} 改为 {ChinaTime.Format(until)}" : $"预计于 {ChinaTime.Format(until)} 结束")
                + "，该期间依法不计入办理时限，结束后办理时限继续计算。",
            $"The period not counted for {titleEn} on your application ({trackingNumber}) is now expected to end at {ChinaTime.Format(until)}"
                + (before is { } wasEn ? $" (not {ChinaTime.Format(wasEn)})" : "")
                + ": by law it does not count towards the time limit, which runs again when it ends.");

    public static NotifyApplicant ExclusionEnded(string trackingNumber, string title, string titleEn, DateTimeOffset? dueAt, ProvisionalDue? provisional) =>
        NotifyApplicant.Of(
            Resumed,
            $"您的申请（{trackingNumber}）{title}的不计时期间已结束，办理时限继续计算{Due(dueAt, provisional)}。",
            $"The period not counted for {titleEn} on your application ({trackingNumber}) has ended and its time limit runs again{DueEn(dueAt, provisional)}.");

    // A due time counted through a year with no holiday arrangement loaded may still move: the notice says so, as every
    // other view of that due time does (暂定).
    private static string Due(DateTimeOffset? dueAt, ProvisionalDue? provisional) => dueAt is { } at
        ? $"，现应于 {ChinaTime.Format(at)} 前办结" + (provisional is null ? "" : $"（暂定：尚未收录 {Years(provisional, "、")} 年的放假安排，截止时间可能变动）")
        : "";

    private static string DueEn(DateTimeOffset? dueAt, ProvisionalDue? provisional) => dueAt is { } at
        ? $": it is now due by {ChinaTime.Format(at)}" + (provisional is null ? "" : $" (provisional: the holiday arrangement for {Years(provisional, ", ")} is not loaded yet, so it may move)")
        : "";

    private static string Years(ProvisionalDue provisional, string separator) =>
        string.Join(separator, provisional.MissingYears.Select(y => y.ToString(CultureInfo.InvariantCulture)));

    /// <summary>A working-time amount in English (“2 working days”).</summary>
    internal static string English(WorkingTimeLimit limit) =>
        limit.WorkingDays is { } d ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{d:0.##} working day{(d == 1 ? "" : "s")}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{limit.WorkingHours ?? 0:0.##} working hour{(limit.WorkingHours == 1 ? "" : "s")}");

    internal static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
