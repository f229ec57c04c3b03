using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>The line diff of two definition sources (DiffPlex), numbered on both sides.</summary>
public static class SourceDiff
{
    public const char Kept = ' ';
    public const char Removed = '-';
    public const char Added = '+';

    public static IReadOnlyList<DiffLine> Lines(string oldText, string newText)
    {
        var model = InlineDiffBuilder.Diff(Normalize(oldText), Normalize(newText), ignoreWhiteSpace: false);
        var lines = new List<DiffLine>(model.Lines.Count);
        int oldLine = 0, newLine = 0;
        foreach (var piece in model.Lines)
        {
            switch (piece.Type)
            {
                case ChangeType.Deleted:
                    lines.Add(new DiffLine(Removed, ++oldLine, null, piece.Text ?? ""));
                    break;
                case ChangeType.Inserted:
                    lines.Add(new DiffLine(Added, null, ++newLine, piece.Text ?? ""));
                    break;
                case ChangeType.Unchanged:
                    lines.Add(new DiffLine(Kept, ++oldLine, ++newLine, piece.Text ?? ""));
                    break;
                default:
                    // The inline model gives only the three kinds above; a modified line comes as a deletion and an insertion.
                    break;
            }
        }

        return lines;
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);
}
