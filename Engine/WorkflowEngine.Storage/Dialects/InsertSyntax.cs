namespace WorkflowEngine.Persistence.Dialects;

/// <summary>The clauses of INSERT that SQLite took from PostgreSQL, written alike by both: ON CONFLICT and RETURNING.</summary>
internal static class InsertSyntax
{
    public static string OnConflictDoNothing(string table, string columns, string values, string keyColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO NOTHING";

    public static string OnConflictDoUpdate(string table, string columns, string values, string keyColumns, string updateColumns) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO UPDATE SET "
        + string.Join(", ", Columns(updateColumns).Select(c => $"{c} = excluded.{c}"));

    public static string OnConflictDoUpdateSet(string table, string columns, string values, string keyColumns, Func<string, string> assignments) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT ({keyColumns}) DO UPDATE SET {assignments(table)}";

    public static string ReturningId(string table, string columns, string values) =>
        $"INSERT INTO {table} ({columns}) VALUES ({values}) RETURNING id";

    /// <summary>A comma-separated list of columns (or of values without commas of their own), trimmed.</summary>
    public static string[] Columns(string list) => list.Split(',', StringSplitOptions.TrimEntries);
}
