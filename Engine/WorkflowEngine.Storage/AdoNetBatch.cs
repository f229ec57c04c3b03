using System.Data.Common;
using System.Globalization;
using WorkflowEngine.Persistence.Dialects;

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
        WriteScope scope, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned, bool positional, CancellationToken cancellationToken)
    {
        var affected = 0;
        var done = 0;
        foreach (var chunk in rows.Chunk(StatementsPerRoundTrip))
        {
            await using var batch = scope.Connection.CreateBatch();
            batch.Transaction = scope.Transaction;
            foreach (var row in chunk)
            {
                AddStatement(batch, command, row, positional);
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
    /// Sends a whole <see cref="WritePlan"/> in one round trip: every group's statements in one <see cref="DbBatch"/>,
    /// read back in order. Each group learns the rows its statements affected, a returning group its values. A guard
    /// that lost is thrown once the batch is read, or in place of the failure of a statement after it (see
    /// <see cref="WritePlan"/>); any other failure is thrown as it is.
    /// </summary>
    public static async ValueTask ExecutePlanAsync(WriteScope scope, IReadOnlyList<StatementGroup> groups, bool positional, CancellationToken cancellationToken)
    {
        await using var batch = scope.Connection.CreateBatch();
        batch.Transaction = scope.Transaction;
        var returning = false;
        foreach (var group in groups)
        {
            group.AddTo(batch, positional);
            returning |= group.Returned is not null;
        }

        try
        {
            if (returning)
            {
                await ReadReturnedAsync(batch, groups, cancellationToken);
            }
            else
            {
                await batch.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        catch (DbException ex)
        {
            // The statements before the one that failed ran; a guard among them that lost explains the failure.
            var failed = Failed(batch, ex);
            var end = 0;
            foreach (var group in groups)
            {
                end += group.Count;
                if (end > failed)
                {
                    break;
                }

                group.Affected = Affected(batch, end - group.Count, end);
                group.ThrowIfLost();
            }

            throw;
        }

        var start = 0;
        foreach (var group in groups)
        {
            group.Affected = Affected(batch, start, start + group.Count);
            start += group.Count;
        }

        foreach (var group in groups)
        {
            group.ThrowIfLost();
        }
    }

    /// <summary>
    /// Runs the batch as a reader and hands each returned value to its statement's group: every returning statement
    /// returns exactly one row (an inserted id), the others none, so the values come in the returning statements' order.
    /// </summary>
    private static async Task ReadReturnedAsync(DbBatch batch, IReadOnlyList<StatementGroup> groups, CancellationToken cancellationToken)
    {
        var targets = groups.Where(g => g.Returned is not null).SelectMany(g => Enumerable.Range(0, g.Count).Select(i => (g.Returned!, i)));
        using var next = targets.GetEnumerator();
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        do
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!next.MoveNext())
                {
                    throw new InvalidOperationException("A write plan's statements returned more values than it has returning statements.");
                }

                next.Current.Item1[next.Current.i] = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            }
        }
        while (await reader.NextResultAsync(cancellationToken));
    }

    /// <summary>
    /// The index of the statement that failed: the one the exception names, or else (Npgsql 10 names none) the first
    /// without a count of rows affected, since every statement of a plan reports one once it ran; -1 if none is found.
    /// </summary>
    private static int Failed(DbBatch batch, DbException exception)
    {
        if (exception.BatchCommand is { } named)
        {
            return batch.BatchCommands.IndexOf(named);
        }

        for (var i = 0; i < batch.BatchCommands.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected < 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The rows the batch's statements from <paramref name="start"/> up to <paramref name="end"/> affected.</summary>
    private static int Affected(DbBatch batch, int start, int end)
    {
        var affected = 0;
        for (var i = start; i < end; i++)
        {
            affected += Math.Max(0, batch.BatchCommands[i].RecordsAffected);
        }

        return affected;
    }

    /// <summary>
    /// Adds the statement of one row to a batch, with its parameters' values: numbered (<see cref="PositionalStatement"/>)
    /// where the provider takes PostgreSQL's <c>$n</c> and the statement could be written so, named otherwise.
    /// </summary>
    internal static void AddStatement<T>(DbBatch batch, BatchCommand<T> command, T row, bool positional)
    {
        var statement = batch.CreateBatchCommand();
        if (positional && command.Positional is { } numbered)
        {
            statement.CommandText = numbered.Sql;
            foreach (var index in numbered.Order)
            {
                var parameter = statement.CreateParameter();
                parameter.Value = ValueOf(command.Parameters[index].Value(row));
                statement.Parameters.Add(parameter);
            }
        }
        else
        {
            statement.CommandText = command.Sql;
            foreach (var (name, value) in command.Parameters)
            {
                var parameter = statement.CreateParameter();
                parameter.ParameterName = "@" + name;
                parameter.Value = ValueOf(value(row));
                statement.Parameters.Add(parameter);
            }
        }

        batch.BatchCommands.Add(statement);
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
