using WorkflowEngine.Definitions;
using WorkflowEngine.Hosting.Pages.Desk;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The administrator pages' words, written in Chinese and English side by side where they are used (as on the desk),
/// and the few labels several admin pages share.
/// </summary>
public static class AdminText
{
    public static string Say(string zh, string en) => DeskText.Say(zh, en);

    /// <summary>An instant as an administrator in Shanghai reads it.</summary>
    public static string Time(DateTimeOffset? instant) => DeskText.Time(instant);

    /// <summary>A definition error in the page's language: its English where the check words one, else its Chinese.</summary>
    public static string Message(DefinitionError error) => Say(error.Message, error.MessageEn ?? error.Message);

    public static string DefinitionStatus(string status) => status switch
    {
        DefinitionStatuses.Draft => Say("草稿", "Draft"),
        DefinitionStatuses.Published => Say("已发布", "Published"),
        DefinitionStatuses.Retired => Say("已停用", "Retired"),
        _ => status,
    };
}
