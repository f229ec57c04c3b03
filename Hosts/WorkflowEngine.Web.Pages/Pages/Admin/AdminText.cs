namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// The administrator pages' words, written in Chinese and English side by side where they are used (as on the desk),
/// and the few labels several admin pages share. The definitions' words are the engine's (DefinitionText, in
/// WorkflowEngine.Hosting).
/// </summary>
public static class AdminText
{
    public static string Say(string zh, string en) => SharedText.Say(zh, en);

    /// <summary>An instant as an administrator in Shanghai reads it.</summary>
    public static string Time(DateTimeOffset? instant) => SharedText.Time(instant);
}
