using WorkflowEngine.Core.Model;

namespace WorkflowEngine.Core.Forms;

/// <summary>
/// The language of the messages that judge an applicant's input (the form validator, the check digits, the materials):
/// Chinese, the API's one language, unless a page shown in English asks for English around its call. An explicit
/// scope rather than the thread's culture, so that a host whose machine runs in English still answers the API in Chinese.
/// </summary>
public static class FormMessages
{
    private static readonly AsyncLocal<bool> English = new();

    /// <summary>Messages in English (when <paramref name="english"/>) until the scope is disposed.</summary>
    public static IDisposable InEnglish(bool english)
    {
        var previous = English.Value;
        English.Value = english;
        return new Restore(previous);
    }

    public static string Say(string zh, string en) => English.Value ? en : zh;

    /// <summary>A definition's text (a field's label, a material's name) in the messages' language; Chinese where it has no English.</summary>
    public static string Of(LocalizedText text) => English.Value ? text.En ?? text.Zh : text.Zh;

    /// <summary>The separator of a list inside a message: 、 in Chinese, a comma in English.</summary>
    public static string ListSeparator => English.Value ? ", " : "、";

    private sealed class Restore(bool previous) : IDisposable
    {
        public void Dispose() => English.Value = previous;
    }
}
