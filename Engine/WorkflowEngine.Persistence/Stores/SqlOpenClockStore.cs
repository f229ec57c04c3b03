using System.Globalization;
using Dapper;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Persistence.Rows;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Stores;

namespace WorkflowEngine.Persistence.Stores;

/// <summary>
/// The stored open clocks in SQL: the late ones of running applications found through <c>ix_open_clocks_yellow</c> (a clock
/// never yellow is not in it), and the count of the applications that ran before the clocks were stored.
/// </summary>
public sealed class SqlOpenClockStore(Database database) : IOpenClockStore
{
    // The most urgent card's due time, as ClockCards.MostUrgent picks it: statutory red, promised red, statutory yellow,
    // promised yellow. A paused clock comes after the running ones of its colour: its due time does not run, so how late
    // it is does not grow (and one paused short of its due time has none).
    private const string UrgentDue = """
        CASE WHEN statutory_due_at <= @Now THEN statutory_due_at
             WHEN due_at <= @Now THEN due_at
             WHEN statutory_warn_at <= @Now THEN statutory_due_at
             ELSE due_at END
        """;

    // An application that ended keeps no open clock; an engine binary from before the clocks were stored (a rolling
    // upgrade) ends applications without deleting their rows, so the list reads only those of running applications.
    private const string Ended = $"'{ApplicationStatuses.Completed}', '{ApplicationStatuses.Rejected}', '{ApplicationStatuses.Cancelled}', '{ApplicationStatuses.Withdrawn}'";

    public async Task<OpenClockPage> ListLateAsync(
        string? serviceId, WarningLevel? level, DateTimeOffset now, int offset, int limit, CancellationToken cancellationToken)
    {
        var where = "yellow_at IS NOT NULL AND yellow_at <= @Now"
            + $" AND EXISTS (SELECT 1 FROM applications a WHERE a.id = open_clocks.application_id AND a.status NOT IN ({Ended}))"
            + (serviceId is null ? "" : " AND service_id = @Service")
            + level switch
            {
                WarningLevel.Red => " AND red_at <= @Now",
                WarningLevel.Yellow => " AND (red_at IS NULL OR red_at > @Now)",
                _ => "",
            };
        var parameters = new { Now = Instants.ToMs(now), Service = serviceId, Offset = offset, Limit = limit };
        await using var connection = await database.OpenAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT COUNT(*) FROM open_clocks WHERE {where}", parameters, cancellationToken: cancellationToken));
        var rows = limit <= 0 || total <= offset
            ? []
            : await connection.QueryAsync<OpenClockRow>(new CommandDefinition(
                $"""
                SELECT {OpenClockRow.Columns} FROM open_clocks WHERE {where}
                ORDER BY CASE WHEN red_at <= @Now THEN 0 ELSE 1 END, paused, CASE WHEN ({UrgentDue}) IS NULL THEN 1 ELSE 0 END, {UrgentDue}, application_id, clock_id
                {database.Dialect.Page}
                """,
                parameters,
                cancellationToken: cancellationToken));
        return new OpenClockPage((int)Math.Min(total, int.MaxValue), [.. rows.Select(r => r.ToRecord())]);
    }

    public async Task<bool> BackfillPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM open_clocks_backfill", cancellationToken: cancellationToken)) > 0;
    }

    public async Task<IReadOnlyList<Guid>> BackfillAsync(
        IReadOnlyList<(ApplicationRecord Application, IReadOnlyList<OpenClockRecord> Clocks)> counted, CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(counted, cancellationToken);
            return [];
        }
        catch (ConcurrencyException lost)
        {
            // The engine saved some of them since they were read, and wrote their clocks only if that run moved them (a
            // claim or a report writes none): store the others, and name the ones saved since, to be counted again. The
            // engine may save more meanwhile: then again without those.
            var saved = new List<Guid>(lost.ApplicationIds);
            while (true)
            {
                try
                {
                    await WriteAsync([.. counted.Where(c => !saved.Contains(c.Application.Id))], cancellationToken);
                    return saved;
                }
                catch (ConcurrencyException again)
                {
                    saved.AddRange(again.ApplicationIds);
                }
            }
        }
    }

    public async Task<int> ForgetEndedAsync(CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        var deleted = await write.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM open_clocks WHERE EXISTS (SELECT 1 FROM applications a WHERE a.id = open_clocks.application_id AND a.status IN ({Ended}))",
            transaction: write.Transaction,
            cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task FinishBackfillAsync(CancellationToken cancellationToken)
    {
        await using var write = await database.BeginWriteAsync(cancellationToken);
        await write.Connection.ExecuteAsync(new CommandDefinition("DELETE FROM open_clocks_backfill", transaction: write.Transaction, cancellationToken: cancellationToken));
        await write.CommitAsync(cancellationToken);
    }

    private async Task WriteAsync(IReadOnlyList<(ApplicationRecord Application, IReadOnlyList<OpenClockRecord> Clocks)> counted, CancellationToken cancellationToken)
    {
        if (counted.Count == 0)
        {
            return;
        }

        var plan = new WritePlan();
        // In id order, as the engine's own writes take the applications' locks (no deadlock with them).
        ApplicationRecord[] held = [.. counted.Select(c => c.Application).OrderBy(a => a.Id)];
        var lost = false;
        plan.AddGuard(OpenClockSql.HoldVersion, held, () =>
        {
            lost = true;
            return new ConcurrencyException(held[0].Id);
        });
        OpenClockSql.AddReplace(plan, counted.ToDictionary(c => c.Application.Id, c => c.Clocks));
        try
        {
            await using var write = await database.BeginWriteAsync(cancellationToken);
            await plan.ExecuteAsync(write, cancellationToken);
            await write.CommitAsync(cancellationToken);
        }
        catch (ConcurrencyException) when (lost && held.Length > 1)
        {
            // The guard knows only that some were saved since they were read: read back which (every one of them).
            var stored = await StoredRows.ReadAsync(database, "applications", "version", [.. held.Select(a => a.Id.ToString())], cancellationToken);
            Guid[] changed = [.. held.Where(a => !stored.TryGetValue(a.Id.ToString(), out var row) || row[0] != a.Version.ToString(CultureInfo.InvariantCulture)).Select(a => a.Id)];
            throw new ConcurrencyException(changed.Length > 0 ? changed : [held[0].Id]);
        }
    }
}
