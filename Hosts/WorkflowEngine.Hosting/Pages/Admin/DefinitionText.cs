using WorkflowEngine.Definitions;
using WorkflowEngine.Runtime.Definitions;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>The definition pages' words for what the engine's definition reader says: errors and a version's status.</summary>
public static class DefinitionText
{
    private static string Say(string zh, string en) => AdminText.Say(zh, en);

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
