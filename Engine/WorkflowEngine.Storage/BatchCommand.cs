using WorkflowEngine.Persistence.Dialects;

namespace WorkflowEngine.Persistence;

/// <summary>
/// One statement run for many rows inside a transaction. The hot write paths use it instead of Dapper's per-call
/// commands: the statement is prepared once per batch, its parameters are found once, and only their values change
/// from row to row. How it runs is the dialect's (<see cref="Dialects.ISqlDialect.ExecuteBatchAsync"/>): on SQLite on
/// the connection's native handle, bound by index, text as UTF-8 (<see cref="Dialects.SqliteBatch"/>); elsewhere with
/// ADO.NET parameters (<see cref="AdoNetBatch"/>).
/// </summary>
public sealed class BatchCommand<T>(string sql, params (string Name, Func<T, object?> Value)[] parameters)
{
    public string Sql { get; } = sql;

    /// <summary>Each parameter's name (without its '@') and how its value is taken from a row.</summary>
    internal (string Name, Func<T, object?> Value)[] Parameters { get; } = parameters;

    /// <summary>Marks a statement that stays named, once found so.</summary>
    private static readonly object Named = new();

    private object? _positional;

    /// <summary>The statement with numbered parameters for PostgreSQL, written on first use; null where it stays named.</summary>
    internal PositionalStatement? Positional
    {
        get
        {
            var known = Volatile.Read(ref _positional);
            if (known is null)
            {
                known = (object?)PositionalStatement.Of(Sql, [.. Parameters.Select(p => p.Name)]) ?? Named;
                Volatile.Write(ref _positional, known);
            }

            return known as PositionalStatement;
        }
    }

    /// <summary>Runs the statement once per row; returns the total of rows affected.</summary>
    public async Task<int> ExecuteAsync(WriteScope scope, IReadOnlyCollection<T> rows, CancellationToken cancellationToken) =>
        rows.Count == 0 ? 0 : await scope.Dialect.ExecuteBatchAsync(scope, this, rows, null, cancellationToken);

    /// <summary>
    /// Runs a statement that returns one value per row (an insert returning its id) once per row; returns the values in
    /// row order.
    /// </summary>
    public async Task<long[]> ExecuteReturningAsync(WriteScope scope, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var returned = new long[rows.Count];
        if (rows.Count > 0)
        {
            await scope.Dialect.ExecuteBatchAsync(scope, this, rows, returned, cancellationToken);
        }

        return returned;
    }
}
