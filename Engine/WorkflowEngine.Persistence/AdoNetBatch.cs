using System.Data.Common;
using System.Globalization;

namespace WorkflowEngine.Persistence;

/// <summary>Runs a <see cref="BatchCommand{T}"/> with ADO.NET parameters, for the providers without a native path.</summary>
internal static class AdoNetBatch
{
    /// <summary>Statements sent together at most: enough to make round trips rare, few enough to keep replies small.</summary>
    private const int StatementsPerRoundTrip = 100;

    /// <summary>
    /// Sends the rows' statements together, up to <see cref="StatementsPerRoundTrip"/> in one <see cref="DbBatch"/>: on a
    /// server each statement run alone waits for a round trip, and a group commit writes hundreds of rows.
    /// </summary>
    public static async ValueTask<int> ExecuteBatchedAsync<T>(
        WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken)
    {
        var affected = 0;
        var done = 0;
        foreach (var chunk in rows.Chunk(StatementsPerRoundTrip))
        {
            await using var batch = scope.Connection.CreateBatch();
            batch.Transaction = scope.Transaction;
            foreach (var row in chunk)
            {
                var statement = batch.CreateBatchCommand();
                statement.CommandText = command.Sql;
                foreach (var (name, value) in command.Parameters)
                {
                    var parameter = statement.CreateParameter();
                    parameter.ParameterName = "@" + name;
                    parameter.Value = ValueOf(value(row));
                    statement.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(statement);
            }

            if (returned is null)
            {
                affected += await batch.ExecuteNonQueryAsync(cancellationToken);
                continue;
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            do
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    returned[done++] = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
                    affected++;
                }
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        return affected;
    }

    /// <summary>
    /// One command, its parameters created once, run for every row. Not prepared: SQL Server's client wants a size for
    /// every text parameter before it prepares, and caches the plan of a parameterized text anyway.
    /// </summary>
    public static async ValueTask<int> ExecutePerRowAsync<T>(
        WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, CancellationToken cancellationToken)
    {
        await using var statement = scope.Connection.CreateCommand();
        statement.Transaction = scope.Transaction;
        statement.CommandText = command.Sql;
        var parameters = command.Parameters;
        var created = new DbParameter[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            created[i] = statement.CreateParameter();
            created[i].ParameterName = "@" + parameters[i].Name;
            statement.Parameters.Add(created[i]);
        }

        var affected = 0;
        var done = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                created[i].Value = ValueOf(parameters[i].Value(row));
            }

            if (returned is null)
            {
                affected += await statement.ExecuteNonQueryAsync(cancellationToken);
            }
            else
            {
                returned[done++] = Convert.ToInt64(await statement.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
                affected++;
            }
        }

        return affected;
    }

    /// <summary>What the provider binds: text already encoded for SQLite as a string, flags as 0/1 like every dialect stores them.</summary>
    private static object ValueOf(object? value) => value switch
    {
        null => DBNull.Value,
        Utf8Text text => text.ToString(),
        bool flag => flag ? 1L : 0L,
        _ => value,
    };
}
