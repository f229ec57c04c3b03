namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// A tracking number as a person typed it, read the one way every look-up and the look-up's rate limit key on: without
/// the spaces around it and in capitals, as the numbers are issued.
/// </summary>
public static class TrackingNumbers
{
    public static string Normalize(string? typed) => (typed ?? "").Trim().ToUpperInvariant();
}
