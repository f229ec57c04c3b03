namespace WorkflowEngine.Core.Model;

/// <summary>A text shown to users: Chinese always, English where the author gave it.</summary>
public sealed record LocalizedText(string Zh, string? En = null)
{
    public override string ToString() => Zh;

    public static implicit operator LocalizedText(string zh) => new(zh);
}
