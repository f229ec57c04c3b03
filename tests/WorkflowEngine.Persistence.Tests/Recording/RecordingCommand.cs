using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace WorkflowEngine.Persistence.Tests.Recording;

/// <summary>A command of a <see cref="RecordingConnection"/>: logs its text when run. Its parameters are SQL Server's own.</summary>
public sealed class RecordingCommand(RecordingConnection connection) : DbCommand
{
    private readonly SqlCommand _parameters = new();

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; } = 30;

    public override CommandType CommandType { get; set; } = CommandType.Text;

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection { get; set; } = connection;

    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

    protected override DbTransaction? DbTransaction { get; set; }

    public override void Cancel()
    {
    }

    public override int ExecuteNonQuery()
    {
        connection.Log.Add(CommandText);
        return 1;
    }

    public override object? ExecuteScalar()
    {
        connection.Log.Add(CommandText);
        return 1L;
    }

    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqlParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior)
    {
        connection.Log.Add(CommandText);
        return (connection.Log.Answer(CommandText) ?? new DataTable()).CreateDataReader();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _parameters.Dispose();
        }

        base.Dispose(disposing);
    }
}
