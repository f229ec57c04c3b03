namespace WorkflowEngine.Persistence;

/// <summary>
/// Text a person typed, made safe inside a <c>LIKE … ESCAPE '!'</c> pattern: "%", "_" (and SQL Server's "[") mean
/// themselves. "!" is the escape because no database reads it as special inside a string.
/// </summary>
internal static class LikePatterns
{
    public static string Escape(string text) =>
        text.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal)
            .Replace("_", "!_", StringComparison.Ordinal).Replace("[", "![", StringComparison.Ordinal);
}
