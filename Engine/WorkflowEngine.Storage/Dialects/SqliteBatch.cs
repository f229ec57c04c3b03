using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// Runs a <see cref="BatchCommand{T}"/> on the SQLite connection's native handle: parameters are found by index once per
/// batch and bound by index per row, text as UTF-8 (see <see cref="BindText"/>). The ADO.NET path looked every parameter
/// up by name and allocated a binder for it on every row, about a third of the time of a small insert.
/// </summary>
internal static class SqliteBatch
{
    public static int Execute<T>(SqliteConnection connection, BatchCommand<T> command, IReadOnlyCollection<T> rows, long[]? returned)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The write connection is not open.");
        var parameters = command.Parameters;
        Check(raw.sqlite3_prepare_v2(handle, command.Sql, out var statement), handle);
        using (statement)
        {
            var indexes = new int[parameters.Length];
            for (var i = 0; i < parameters.Length; i++)
            {
                indexes[i] = raw.sqlite3_bind_parameter_index(statement, "@" + parameters[i].Name);
            }

            var affected = 0;
            var done = 0;
            try
            {
                foreach (var row in rows)
                {
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        if (indexes[i] > 0)
                        {
                            Check(Bind(statement, indexes[i], parameters[i].Value(row), parameters[i].Name), handle);
                        }
                    }

                    var result = raw.sqlite3_step(statement);
                    if (returned is not null && result == raw.SQLITE_ROW)
                    {
                        returned[done] = raw.sqlite3_column_int64(statement, 0);
                        result = raw.sqlite3_step(statement);
                    }

                    if (result != raw.SQLITE_DONE && result != raw.SQLITE_ROW)
                    {
                        Check(result, handle);
                    }

                    affected += raw.sqlite3_changes(handle);
                    done++;
                    raw.sqlite3_reset(statement);
                }
            }
            finally
            {
                raw.sqlite3_reset(statement);
            }

            return affected;
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value, string name) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => BindText(statement, index, text),
        Utf8Text { Bytes.Length: > 0 } utf8 => raw.sqlite3_bind_text(statement, index, utf8.Bytes.AsSpan()),
        Utf8Text => raw.sqlite3_bind_text(statement, index, string.Empty),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(statement, index, number),
        decimal number => BindText(statement, index, number.ToString(CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"Parameter @{name} has a {value.GetType().Name}; bind a string or a number."),
    };

    /// <summary>
    /// Binds text as UTF-8, the database's encoding. Bound as UTF-16, SQLite converted every string itself, one
    /// character at a time: 2.4 % of the host's CPU, most of it on the state and payload JSON. .NET's encoder does the
    /// same work with vector instructions, into a buffer SQLite copies from before this returns.
    /// </summary>
    private static int BindText(sqlite3_stmt statement, int index, string text)
    {
        if (text.Length == 0)
        {
            // An empty span would be bound from a null pointer, which SQLite takes for NULL.
            return raw.sqlite3_bind_text(statement, index, string.Empty);
        }

        const int StackLimit = 512;
        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        byte[]? rented = null;
        var buffer = most <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(most));
        try
        {
            var length = Encoding.UTF8.GetBytes(text, buffer);
            return raw.sqlite3_bind_text(statement, index, buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static void Check(int result, sqlite3 handle)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, handle);
        }
    }
}
