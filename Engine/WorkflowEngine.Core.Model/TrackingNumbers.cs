namespace WorkflowEngine.Core.Model;

/// <summary>
/// A tracking number as a person typed it, read the one way every look-up keys on (the engine's public look-up and its
/// rate limit, the window's walk-in search, a department's queue search): without the spaces around it and in
/// capitals, as the numbers are issued.
/// </summary>
public static class TrackingNumbers
{
    public static string Normalize(string? typed) => (typed ?? "").Trim().ToUpperInvariant();
}
