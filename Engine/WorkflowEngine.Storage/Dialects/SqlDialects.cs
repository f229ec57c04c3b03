namespace WorkflowEngine.Persistence.Dialects;

/// <summary>The dialects by the name <c>Database:Provider</c> gives them.</summary>
public static class SqlDialects
{
    public static IReadOnlyList<string> Names { get; } = ["sqlite", "postgresql", "sqlserver"];

    /// <summary>The dialect of <paramref name="provider"/> (case-insensitive); an unknown name is refused, naming those known.</summary>
    public static ISqlDialect ByName(string? provider) => provider?.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => new SqliteDialect(),
        "POSTGRESQL" => new PostgreSqlDialect(),
        "SQLSERVER" => new SqlServerDialect(),
        _ => throw new InvalidOperationException(
            $"Database:Provider “{provider}” is not a database this engine knows; use one of: {string.Join(", ", Names)}."),
    };
}
