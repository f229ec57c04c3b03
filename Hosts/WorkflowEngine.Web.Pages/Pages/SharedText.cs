using System.Globalization;
using WorkflowEngine.Calendars;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages;

/// <summary>
/// The words the pages of every side write in Chinese and English side by side where they are used (both arguments
/// required, so that neither can be left out): the desk's (DeskText), the administrator's (AdminText) and the engine's
/// supervision pages, which carry nothing of the desk.
/// </summary>
public static class SharedText
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
}
