namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A page of a list as the admin API and pages take it: <c>limit</c> clamped to 1–<see cref="MaxLimit"/>, <c>offset</c>
/// to 0 or more. Bound as <c>int?</c>, so a value that is not a 32-bit number is a 400 before the endpoint runs.
/// </summary>
public readonly record struct Paging(int Limit, int Offset)
{
    public const int MaxLimit = 500;

    public static Paging Of(int? limit, int? offset, int defaultLimit = 100) =>
        new(Math.Clamp(limit ?? defaultLimit, 1, MaxLimit), Math.Max(offset ?? 0, 0));

    /// <summary>Where the previous page starts, or null on the first.</summary>
    public int? Previous => Offset > 0 ? Math.Max(Offset - Limit, 0) : null;

    /// <summary>Where the next page starts, or null when <paramref name="total"/> ends on this one.</summary>
    public int? Next(int total) => (long)Offset + Limit < total ? Offset + Limit : null;
}
