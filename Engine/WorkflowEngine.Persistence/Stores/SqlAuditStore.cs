using Dapper;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>The audit chain over the whole database, a page of applications at a time.</summary>
public sealed class SqlAuditStore(Database database) : IAuditStore
{
    private const int Page = 500;

    public async Task<int> BackfillAsync(CancellationToken cancellationToken)
    {
        var chained = 0;
        while (true)
        {
            string[] ids;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                ids = (await connection.QueryAsync<string>(new CommandDefinition(
                    $"SELECT DISTINCT application_id FROM audit_events WHERE hash IS NULL ORDER BY application_id {database.Dialect.Page}",
                    new { Limit = Page, Offset = 0 },
                    cancellationToken: cancellationToken))).ToArray();
            }

            if (ids.Length == 0)
            {
                return chained;
            }

            var lines = await LinesAsync(ids, cancellationToken);
            await using var write = await database.BeginWriteAsync(cancellationToken);
            foreach (var group in lines.GroupBy(l => l.ApplicationId))
            {
                // Lines written before the chain existed all precede the chained ones: the whole trail is chained from its start.
                string? head = null;
                long sequence = 0;
                foreach (var line in group)
                {
                    var linked = AuditChain.Link(line, sequence, head);
                    await write.Connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE audit_events SET seq = @Seq, hash = @Hash WHERE id = @Id",
                        new { Seq = linked.Sequence, linked.Hash, line.Id },
                        write.Transaction,
                        cancellationToken: cancellationToken));
                    (sequence, head) = (linked.Sequence, linked.Hash);
                }

                await write.Connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE applications SET audit_seq = @Seq, audit_head = @Head WHERE id = @Id",
                    new { Seq = sequence, Head = head, Id = group.Key.ToString() },
                    write.Transaction,
                    cancellationToken: cancellationToken));
                chained++;
            }

            await write.CommitAsync(cancellationToken);
        }
    }

    public async Task<AuditDatabaseVerification> VerifyAllAsync(CancellationToken cancellationToken)
    {
        long applications = 0;
        long lines = 0;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            // A line whose application is gone (the application's row deleted) has no head to check it against.
            var orphan = (await connection.QueryAsync<AuditRow>(new CommandDefinition(
                $"SELECT {AuditRow.Columns} FROM audit_events WHERE application_id NOT IN (SELECT id FROM applications) ORDER BY id {database.Dialect.Page}",
                new { Limit = 1, Offset = 0 },
                cancellationToken: cancellationToken))).FirstOrDefault();
            if (orphan is not null)
            {
                var record = orphan.ToRecord();
                return new AuditDatabaseVerification(0, 0, record.ApplicationId, null, AuditVerification.Broken(record, record.Sequence, "该行所属的申请记录已不存在（申请被删除）"));
            }
        }

        var after = "";
        while (true)
        {
            (string Id, string TrackingNumber, long AuditSeq, string? AuditHead)[] page;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                page = (await connection.QueryAsync<(string, string, long, string?)>(new CommandDefinition(
                    $"SELECT id, tracking_number, audit_seq, audit_head FROM applications WHERE id > @After ORDER BY id {database.Dialect.Page}",
                    new { After = after, Limit = Page, Offset = 0 },
                    cancellationToken: cancellationToken))).ToArray();
            }

            if (page.Length == 0)
            {
                return new AuditDatabaseVerification(applications, lines, null, null, AuditVerification.Intact);
            }

            var byApplication = (await LinesAsync(page.Select(p => p.Id).ToArray(), cancellationToken))
                .GroupBy(l => l.ApplicationId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<AuditRecord>)g.ToArray());
            foreach (var (id, trackingNumber, sequence, head) in page)
            {
                var trail = byApplication.GetValueOrDefault(Guid.Parse(id)) ?? [];
                var result = AuditChain.Verify(trail, sequence, head);
                if (!result.Verified)
                {
                    return new AuditDatabaseVerification(applications, lines, Guid.Parse(id), trackingNumber, result);
                }

                applications++;
                lines += trail.Count;
            }

            after = page[^1].Id;
        }
    }

    private async Task<IReadOnlyList<AuditRecord>> LinesAsync(IReadOnlyCollection<string> applicationIds, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {AuditRow.Columns} FROM audit_events WHERE {database.Dialect.In("application_id", "@Ids")} ORDER BY application_id, id",
            new { Ids = ListParameter.Of(applicationIds) },
            cancellationToken: cancellationToken))).Select(r => r.ToRecord()).ToArray();
    }
}
