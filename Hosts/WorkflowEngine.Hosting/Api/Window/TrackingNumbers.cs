using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// A tracking number as a person typed it, read the one way every look-up and the look-up's rate limit key on: without
/// the spaces around it and in capitals, as the numbers are issued.
/// </summary>
public static class TrackingNumbers
{
    /// <summary>What the public look-up answers to text that cannot be a tracking number, before it counts a try.</summary>
    public static readonly ProblemText NotANumber = new(
        "这不是受理编号：受理编号形如 YB20261126-7K3M9Q2X，请按回执核对", "This is not a tracking number: they look like YB20261126-7K3M9Q2X; check it against the receipt");

    public static string Normalize(string? typed) => (typed ?? "").Trim().ToUpperInvariant();

    /// <summary>Whether the typed text, read as <see cref="Normalize"/> reads it, has the shape of an issued number.</summary>
    public static bool IsWellFormed(string? typed) => Runtime.Applications.TrackingNumbers.IsWellFormed(Normalize(typed));
}
