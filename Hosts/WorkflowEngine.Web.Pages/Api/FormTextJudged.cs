namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// Marks a page that judges each field of its form itself (an application's answers), saying next to the field that its
/// text was not UTF-8 (U+FFFD): <see cref="FormNulCheck"/> then leaves that to the page, and refuses only a NUL.
/// </summary>
public sealed class FormTextJudged
{
    public static readonly FormTextJudged Instance = new();

    private FormTextJudged()
    {
    }
}
