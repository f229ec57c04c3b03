using System.Text.Json;
using Dapper;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The tables <c>department_access_log</c> and <c>department_access_head</c>: a department host's access log as one hash
/// chain. An append first moves the head on by one (the row's lock, or SQLite's one writer, makes appenders follow one
/// another, also across processes sharing the database), then writes the line hashed after the head's last hash, and
/// the new hash into the head, in one transaction.
/// </summary>
public sealed class SqlDepartmentAccessLog(Database database, TimeProvider time) : IDepartmentAccessLog
{
    private const string Columns =
        "seq AS Seq, application_id AS ApplicationId, at AS At, actor AS Actor, what AS What, data_json AS DataJson, hash AS Hash";

    public async Task RecordAsync(
        Guid applicationId, string actor, string what, IReadOnlyDictionary<string, string?>? detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(what);
        // Whole milliseconds, as stored: the hash is checked against what is read back.
        var at = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var line = new AuditRecord(applicationId, at, what, detail?.GetValueOrDefault("step"), actor,
            detail is null ? null : JsonSerializer.Serialize(detail));
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var connection = write.Connection;
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE department_access_head SET seq = seq + 1 WHERE id = 1", transaction: write.Transaction, cancellationToken: cancellationToken));
        var head = await connection.QuerySingleAsync<(long Seq, string? Hash)>(new CommandDefinition(
            "SELECT seq, hash FROM department_access_head WHERE id = 1", transaction: write.Transaction, cancellationToken: cancellationToken));
        var hash = AuditChain.Hash(line, head.Seq, head.Hash);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO department_access_log (seq, application_id, department, at, actor, what, data_json, hash)
            VALUES (@Seq, @ApplicationId, @Department, @At, @Actor, @What, @DataJson, @Hash);
            UPDATE department_access_head SET hash = @Hash WHERE id = 1;
            """,
            new
            {
                head.Seq,
                ApplicationId = applicationId.ToString(),
                Department = detail?.GetValueOrDefault("department"),
                At = Instants.ToMs(at),
                Actor = actor,
                What = what,
                line.DataJson,
                Hash = hash,
            },
            write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditRecord>> ListAsync(
        Guid? applicationId, string? department, int limit, int offset, CancellationToken cancellationToken)
    {
        var where = new List<string>();
        if (applicationId is not null)
        {
            where.Add("application_id = @ApplicationId");
        }

        if (department is not null)
        {
            where.Add("department = @Department");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM department_access_log
            {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))}
            ORDER BY seq DESC {database.Dialect.Page}
            """,
            new { ApplicationId = applicationId?.ToString(), Department = department, Limit = limit, Offset = offset },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToArray();
    }

    public async Task<(AuditVerification Verification, long Lines)> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var head = await connection.QuerySingleAsync<(long Seq, string? Hash)>(new CommandDefinition(
            "SELECT seq, hash FROM department_access_head WHERE id = 1", cancellationToken: cancellationToken));
        var lines = (await connection.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM department_access_log ORDER BY seq", cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToArray();
        return (AuditChain.Verify(lines, head.Seq, head.Hash), lines.Length);
    }

    private sealed class Row
    {
        public long Seq { get; set; }

        public string ApplicationId { get; set; } = "";

        public long At { get; set; }

        public string Actor { get; set; } = "";

        public string What { get; set; } = "";

        public string? DataJson { get; set; }

        public string Hash { get; set; } = "";

        public AuditRecord ToRecord()
        {
            string? step = null;
            if (DataJson is not null && JsonSerializer.Deserialize<Dictionary<string, string?>>(DataJson) is { } data)
            {
                step = data.GetValueOrDefault("step");
            }

            return new AuditRecord(Guid.Parse(ApplicationId), DateTimeOffset.FromUnixTimeMilliseconds(At), What, step, Actor, DataJson)
            {
                Id = Seq,
                Sequence = Seq,
                Hash = Hash,
            };
        }
    }
}
