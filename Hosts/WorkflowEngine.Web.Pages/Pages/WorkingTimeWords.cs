using System.Globalization;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// An amount of working time in the words people say it in: "4 小时 30 分钟" / "4 hours 30 minutes", "30 分钟" /
/// "30 minutes", "2 小时" / "2 hours" — never "0.5 个工作小时". Clocks count in hours with fractions; a citizen counts in
/// hours and minutes. The amount is rounded to the nearest whole minute, half a minute up; its sign is dropped, since
/// the words around it ("剩余…", "已超时…") say whether the time is left or past.
/// </summary>
public static class WorkingTimeWords
{
    /// <summary>The amount of <paramref name="hours"/> in Chinese, or in English when <paramref name="english"/>.</summary>
    public static string Of(decimal hours, bool english)
    {
        var minutes = Minutes(hours);
        var (whole, rest) = (minutes / 60, minutes % 60);
        var parts = new List<string>(2);
        if (whole > 0)
        {
            parts.Add(english ? Plural(whole, "hour") : Invariant($"{whole} 小时"));
        }

        if (rest > 0 || whole == 0)
        {
            parts.Add(english ? Plural(rest, "minute") : Invariant($"{rest} 分钟"));
        }

        return string.Join(' ', parts);
    }

    /// <summary>The whole minutes an amount of hours comes to, rounded to the nearest, half a minute up; never negative.</summary>
    public static long Minutes(decimal hours) =>
        (long)Math.Round(Math.Abs(hours) * 60m, MidpointRounding.AwayFromZero);

    private static string Plural(long count, string unit) => Invariant($"{count} {unit}{(count == 1 ? "" : "s")}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
