using System.Globalization;
using Dapper;

namespace WorkflowEngine.Persistence;

/// <summary>
/// Rows read back after a write whose guard was lost, to name what another process changed: a guard knows only that
/// some of its rows affected none. Only a batch that lost its race pays for the read.
/// </summary>
public static class StoredRows
{
    /// <summary>
    /// <paramref name="columns"/> of the rows of <paramref name="table"/> whose <c>id</c> is among <paramref name="ids"/>,
    /// by id (case-insensitive: SQL Server gives back a uniqueidentifier in capitals), each value as invariant text; a
    /// row that is gone is missing.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ReadAsync(
        Database database, string table, string columns, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var stored = new Dictionary<string, string[]>(ids.Count, StringComparer.OrdinalIgnoreCase);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT id, {columns} FROM {table} WHERE {database.Dialect.In("id", "@Ids")}",
            new { Ids = ListParameter.Of(ids) },
            cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var values = new string[reader.FieldCount - 1];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = Convert.ToString(reader.GetValue(i + 1), CultureInfo.InvariantCulture) ?? "";
            }

            stored[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = values;
        }

        return stored;
    }
}
