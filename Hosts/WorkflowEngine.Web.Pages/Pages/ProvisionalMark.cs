using System.Globalization;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Clocks;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// The "暂定" (provisional) marker beside a due time counted through a year with no holiday arrangement loaded, and why,
/// in the page's language: shown by the partial <c>_Provisional</c>.
/// </summary>
public sealed record ProvisionalMark(string Label, string Explanation)
{
    /// <summary>The marker for a due time an API view flagged; null when it is final.</summary>
    public static ProvisionalMark? Of(bool provisional, string? reason, IReadOnlyList<int>? years) =>
        provisional ? Make(reason, null, years ?? []) : null;

    /// <summary>The marker for a task's due time as the engine last announced it; null when it is final.</summary>
    public static ProvisionalMark? Of(ProvisionalDueTime? provisional) =>
        provisional is null ? null : Make(provisional.Reason, provisional.ReasonEn, provisional.MissingYears);

    /// <summary>The marker for a due time the core counted (<see cref="ProvisionalDue.Of"/>); null when it is final.</summary>
    public static ProvisionalMark? Of(ProvisionalDue? provisional) =>
        provisional is null ? null : Make(provisional.Reason, provisional.ReasonEn, provisional.MissingYears);

    private static ProvisionalMark Make(string? reason, string? reasonEn, IReadOnlyList<int> years)
    {
        var listed = string.Join(", ", years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        return PageText.Current.IsEnglishText
            ? new ProvisionalMark(
                "Provisional",
                reasonEn ?? $"Provisional: no holiday arrangement loaded for {listed} yet; those dates count weekends only, so the due time may move once it is published and loaded.")
            : new ProvisionalMark("暂定", reason ?? $"暂定：{listed} 年的放假安排尚未载入，期间只按周末计算，公布后截止时间可能变动");
    }
}
