namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// A tracking number as a person typed it, read as <see cref="Core.Model.TrackingNumbers"/> reads it, which a
/// department's queue search shares without referencing the engine's hosting.
/// </summary>
public static class TrackingNumbers
{
    public static string Normalize(string? typed) => Core.Model.TrackingNumbers.Normalize(typed);
}
