using System.Data;
using System.Data.Common;

namespace WorkflowEngine.Persistence.Tests.Recording;

/// <summary>
/// A connection to no database: it keeps the text of every command in its <see cref="SqlLog"/>, says every write
/// affected one row, and answers reads as the log says (no rows unless told). Lets a test run the stores with a dialect
/// whose server is not there, to see the statements they would send it.
/// </summary>
public sealed class RecordingConnection(SqlLog log) : DbConnection
{
    private ConnectionState _state = ConnectionState.Closed;

    public SqlLog Log { get; } = log;

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public override string ConnectionString { get; set; } = "";

    public override string Database => "recording";

    public override string DataSource => "recording";

    public override string ServerVersion => "16.0";

    public override ConnectionState State => _state;

    public override void ChangeDatabase(string databaseName)
    {
    }

    public override void Close() => _state = ConnectionState.Closed;

    public override void Open() => _state = ConnectionState.Open;

    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new RecordingTransaction(this, isolationLevel);

    protected override DbCommand CreateDbCommand() => new RecordingCommand(this);
}
