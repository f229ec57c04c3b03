using WorkflowEngine.Core.Forms;

namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>A photo that cannot become a page: not a real JPEG or PNG, too large, or of a kind a PDF cannot carry. Its text names no material; the caller puts the material's name before it.</summary>
public sealed class PhotoRefusedException(string zh, string en) : Exception(en)
{
    public string Zh { get; } = zh;

    public string En { get; } = en;

    /// <summary>The text in the messages' language.</summary>
    public string Text => FormMessages.Say(Zh, En);
}
