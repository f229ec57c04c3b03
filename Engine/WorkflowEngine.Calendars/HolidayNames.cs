using System.Collections.Frozen;

namespace WorkflowEngine.Calendars;

/// <summary>
/// The English names of the public holidays the State Council's notices name (全国年节及纪念日放假办法), for a reader of
/// the English pages: the calendar files carry the notices' Chinese words only. A name not listed (a calendar of a
/// region, a day added later) is shown as written; names joined with “、” are put into English one by one.
/// </summary>
public static class HolidayNames
{
    private static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        ["元旦"] = "New Year's Day",
        ["春节"] = "Spring Festival",
        ["清明节"] = "Qingming Festival",
        ["劳动节"] = "Labour Day",
        ["端午节"] = "Dragon Boat Festival",
        ["中秋节"] = "Mid-Autumn Festival",
        ["国庆节"] = "National Day",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The holiday's name in English, or <paramref name="name"/> as written where it is not a known one.</summary>
    public static string InEnglish(string name)
    {
        var parts = name.Split('、');
        return parts.All(English.ContainsKey) ? string.Join(" and ", parts.Select(p => English[p])) : name;
    }
}
