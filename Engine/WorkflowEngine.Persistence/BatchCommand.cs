using System.Data.Common;

namespace WorkflowEngine.Persistence;

/// <summary>
/// One statement prepared once and run for many rows inside a transaction. The hot write paths use it instead of
/// Dapper's per-call commands: parameters are created once, named with their '@' prefix (so the provider looks each
/// up once), and only their values change from row to row.
/// </summary>
public sealed class BatchCommand<T>(string sql, params (string Name, Func<T, object?> Value)[] parameters)
{
    public string Sql { get; } = sql;

    /// <summary>Runs the statement once per row; returns the total of rows affected.</summary>
    public async Task<int> ExecuteAsync(WriteScope scope, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return 0;
        }

        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = Sql;
        var created = new DbParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            created[i] = command.CreateParameter();
            created[i].ParameterName = "@" + parameters[i].Name;
            command.Parameters.Add(created[i]);
        }

        var affected = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                created[i].Value = parameters[i].Value(row) ?? DBNull.Value;
            }

            affected += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return affected;
    }
}
