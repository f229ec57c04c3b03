using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// The words the pages of every side write in Chinese and English side by side where they are used (both arguments
/// required, so that neither can be left out): the desk's (DeskText), the administrator's (AdminText) and the engine's
/// supervision pages, which carry nothing of the desk.
/// </summary>
public static partial class SharedText
{
    public static string Say(string zh, string en) => PageText.Current.IsEnglishText ? en : zh;

    /// <summary>A refusal or field error in the page's language.</summary>
    public static string Say(ProblemText problem) => Say(problem.Zh, problem.En);

    /// <summary>An instant as a clerk, a supervisor or an administrator in Shanghai reads it.</summary>
    public static string Time(DateTimeOffset? instant) =>
        instant is { } i ? ChinaTime.ToLocal(i).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>Where a request for more time stands, a step's (the desk) or a whole service's or stage's (supervision).</summary>
    public static string ExtensionStatus(string status) => status switch
    {
        "pending" => Say("待审批", "Pending"),
        "approved" => Say("已批准", "Approved"),
        "refused" => Say("不予批准", "Refused"),
        _ => status,
    };

    /// <summary>
    /// Words a person wrote (a clerk's reason, a supervisor's comment, the applicant's name, an uploaded file's name)
    /// inside a sentence of the page's own, as written:
    /// marked <c>lang="zh"</c> where they are Chinese, so that on the English page a reader, and a screen reader, takes
    /// them for the person's Chinese and not for the page's words.
    /// </summary>
    public static IHtmlContent Said(string? words) => string.IsNullOrEmpty(words)
        ? HtmlString.Empty
        : new HtmlString($"<span class=\"said\"{(LanguageOf(words) is { } lang ? $" lang=\"{lang}\"" : "")}>{HtmlEncoder.Default.Encode(words)}</span>");

    /// <summary>
    /// A sentence of the page's own with people's names in it ("Claimed by 王芳"), each Chinese name marked as
    /// <see cref="Said"/> marks a person's words: a name is the person's, not the page's, and on the English page a
    /// screen reader should read it as Chinese.
    /// </summary>
    public static IHtmlContent WithNames(string sentence, params string?[] names)
    {
        var line = new HtmlContentBuilder();
        var marked = names.Where(n => LanguageOf(n) is not null).Distinct().OrderByDescending(n => n!.Length).Select(n => Regex.Escape(n!)).ToArray();
        if (marked.Length == 0)
        {
            return line.Append(sentence);
        }
        var at = 0;
        foreach (Match name in Regex.Matches(sentence, string.Join('|', marked)))
        {
            line.Append(sentence[at..name.Index]).AppendHtml(Said(name.Value));
            at = name.Index + name.Length;
        }
        return line.Append(sentence[at..]);
    }

    /// <summary>The <c>lang</c> of words a person wrote where they are Chinese (<c>zh</c>); null where they are not, for an element that holds text alone (an option).</summary>
    public static string? LanguageOf(string? words) => words is not null && Han().IsMatch(words) ? "zh" : null;

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
