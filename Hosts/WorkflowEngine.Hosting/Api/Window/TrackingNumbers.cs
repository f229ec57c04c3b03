using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// A tracking number as a person typed it, read as <see cref="Core.Model.TrackingNumbers"/> reads it (which a
/// department's queue search shares without referencing the engine's hosting): the one way every look-up and the
/// look-up's rate limit key on; and the one bound on its length that every look-up (the pages' fields, the window's
/// search, the API, the rate limit's keys) keeps to.
/// </summary>
public static class TrackingNumbers
{
    /// <summary>Longer than any tracking number (<c>YB20261126-7K3M9Q2X</c> has 19 characters): text up to this is looked up, longer text is refused.</summary>
    public const int MaxLength = 40;

    /// <summary>What a longer text is told.</summary>
    public static readonly ProblemText TooLong = new($"受理编号最多 {MaxLength} 个字符", $"A tracking number has at most {MaxLength} characters");

    /// <summary>What the public look-up answers to text that cannot be a tracking number, before it counts a try.</summary>
    public static readonly ProblemText NotANumber = new(
        "这不是受理编号：受理编号形如 YB20261126-7K3M9Q2X，请按回执核对", "This is not a tracking number: they look like YB20261126-7K3M9Q2X; check it against the receipt");

    public static string Normalize(string? typed) => Core.Model.TrackingNumbers.Normalize(typed);

    /// <summary>Whether the typed text, read as <see cref="Normalize"/> reads it, has the shape of an issued number.</summary>
    public static bool IsWellFormed(string? typed) => Runtime.Applications.TrackingNumbers.IsWellFormed(Normalize(typed));
}
