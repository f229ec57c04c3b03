using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Definitions;
using WorkflowEngine.Persistence;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Definitions;
using WorkflowEngine.Runtime.Timers;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The count, at the first start after the upgrade, of the clocks of applications running before they were stored
/// (<see cref="OpenClockBackfill"/>), on the host's own SQLite database: an application the engine saves between the read
/// and the write is read and counted again, and every clock is stored once.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OpenClockBackfillTests
{
    [Fact]
    public async Task AnApplicationSavedWhileItWasCounted_IsCountedAgain_AndEachClockIsStoredOnce()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (saved, _) = await LicenceTask.OpenAsync(host, staged: true);
        var (quiet, _) = await LicenceTask.OpenAsync(host);
        var database = host.Services.GetRequiredService<Database>();
        // As before the upgrade: no clock stored, the count pending.
        await WriteAsync(database, "DELETE FROM open_clocks; INSERT INTO open_clocks_backfill (id) VALUES (1)");
        var queries = new SavedAfterTheRead(
            host.Services.GetRequiredService<IApplicationQueries>(),
            () => WriteAsync(database, $"UPDATE applications SET version = version + 1 WHERE id = '{saved}'"));
        var store = host.Services.GetRequiredService<IOpenClockStore>();
        var backfill = new OpenClockBackfill(
            store, queries, host.Services.GetRequiredService<DefinitionRegistry>(), host.Services.GetRequiredService<ReferenceData>(),
            host.Services.GetRequiredService<WorkflowInterpreter>(), NullLogger<OpenClockBackfill>.Instance);

        var stored = await backfill.RunAsync(CancellationToken.None);

        Assert.Equal([saved], queries.ReadAgain);
        Assert.Equal(2, stored);
        Assert.Equal(
            [.. new[] { (saved, "business-opening"), (saved, "stage-licence"), (quiet, "business-opening"), (quiet, "stage-licence") }.Order()],
            await StoredClocksAsync(database));
        Assert.False(await store.BackfillPendingAsync(CancellationToken.None));
    }

    private static async Task WriteAsync(Database database, string sql)
    {
        await using var write = await database.BeginWriteAsync(CancellationToken.None);
        await using var command = write.Connection.CreateCommand();
        command.Transaction = write.Transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        await write.CommitAsync(CancellationToken.None);
    }

    private static async Task<IReadOnlyList<(Guid, string)>> StoredClocksAsync(Database database)
    {
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT application_id, clock_id FROM open_clocks";
        var rows = new List<(Guid, string)>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((Guid.Parse(reader.GetString(0)), reader.GetString(1)));
        }

        return [.. rows.Order()];
    }

    /// <summary>The host's queries, with one write of the engine's (<paramref name="save"/>) after the first page is read.</summary>
    private sealed class SavedAfterTheRead(IApplicationQueries queries, Func<Task> save) : IApplicationQueries
    {
        private bool _saved;

        /// <summary>The applications read again, one by one, after the first read.</summary>
        public List<Guid> ReadAgain { get; } = [];

        public async Task<IReadOnlyList<ApplicationRecord>> ListOpenAsync(Guid? after, int limit, CancellationToken cancellationToken)
        {
            var page = await queries.ListOpenAsync(after, limit, cancellationToken);
            if (!_saved)
            {
                _saved = true;
                await save();
            }

            return page;
        }

        public Task<ApplicationRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
        {
            ReadAgain.Add(id);
            return queries.GetAsync(id, cancellationToken);
        }

        public Task<IApplicationSnapshot> OpenSnapshotAsync(CancellationToken cancellationToken) => queries.OpenSnapshotAsync(cancellationToken);

        public Task<ApplicationRecord?> FindByTrackingNumberAsync(string trackingNumber, CancellationToken cancellationToken) =>
            queries.FindByTrackingNumberAsync(trackingNumber, cancellationToken);

        public Task<ApplicationRecord?> FindByIdempotencyKeyAsync(string applicantId, string idempotencyKey, CancellationToken cancellationToken) =>
            queries.FindByIdempotencyKeyAsync(applicantId, idempotencyKey, cancellationToken);

        public Task<IReadOnlyList<ApplicationRecord>> ListByApplicantAsync(string applicantId, int limit, int offset, CancellationToken cancellationToken) =>
            queries.ListByApplicantAsync(applicantId, limit, offset, cancellationToken);

        public Task<WalkInListPage> ListOpenWalkInsAsync(WalkInSearch search, int limit, int offset, CancellationToken cancellationToken) =>
            queries.ListOpenWalkInsAsync(search, limit, offset, cancellationToken);

        public Task<IReadOnlyList<StepRecord>> StepsAsync(Guid applicationId, CancellationToken cancellationToken) => queries.StepsAsync(applicationId, cancellationToken);

        public Task<IReadOnlyList<MaterialRecord>> MaterialsAsync(Guid applicationId, CancellationToken cancellationToken) => queries.MaterialsAsync(applicationId, cancellationToken);

        public Task<IReadOnlyList<NotificationRecord>> NotificationsAsync(Guid applicationId, CancellationToken cancellationToken) =>
            queries.NotificationsAsync(applicationId, cancellationToken);

        public Task<IReadOnlyList<CertificateRecord>> CertificatesAsync(Guid applicationId, CancellationToken cancellationToken) =>
            queries.CertificatesAsync(applicationId, cancellationToken);

        public Task<IReadOnlyList<AuditRecord>> AuditAsync(Guid applicationId, CancellationToken cancellationToken) => queries.AuditAsync(applicationId, cancellationToken);

        public Task<IReadOnlyList<TimerRecord>> TimersAsync(Guid applicationId, CancellationToken cancellationToken) => queries.TimersAsync(applicationId, cancellationToken);
    }
}
