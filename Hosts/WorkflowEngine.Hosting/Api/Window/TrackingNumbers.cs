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

    public static string Normalize(string? typed) => Core.Model.TrackingNumbers.Normalize(typed);
}
