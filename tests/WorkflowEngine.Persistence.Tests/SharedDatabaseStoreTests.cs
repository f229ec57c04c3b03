using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// What a database several engine processes share must do besides the common suite: two <see cref="Persistence.Database"/>
/// objects on one database, each with its own connection pool, stand for two processes. No timer fires twice, no outbox
/// row is published by both, a lease left by a process that died is taken over, and a change or a report that reaches
/// both is applied once.
/// </summary>
public abstract class SharedDatabaseStoreTests : StoreComplianceTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly List<string> _databases = [];

    protected abstract ISqlDialect Dialect { get; }

    /// <summary>Creates an empty database on the server.</summary>
    protected abstract Task CreateAsync(string name);

    /// <summary>Drops a database this test created, whoever is still connected to it.</summary>
    protected abstract Task DropAsync(string name);

    /// <summary>A connection string of its own (and so a pool of its own) for each process a test stands for.</summary>
    protected abstract string ConnectionString(string database, string process);

    protected override async Task<Database> CreateDatabaseAsync()
    {
        var database = new Database(Dialect, ConnectionString(await CreateEmptyAsync(), "process-a"));
        database.Migrate();
        return database;
    }

    protected override async Task DropDatabaseAsync()
    {
        foreach (var name in _databases)
        {
            await DropAsync(name);
        }
    }

    /// <summary>A second process's view of the test's database: another <see cref="Persistence.Database"/> and pool.</summary>
    protected Database OpenSecondProcess() => new(Dialect, ConnectionString(_databases[0], "process-b"));

    private async Task<string> CreateEmptyAsync()
    {
        var name = "wfe_test_" + Guid.NewGuid().ToString("N")[..20];
        _databases.Add(name);
        await CreateAsync(name);
        return name;
    }

    [StoreFact]
    public async Task Migrations_RunByTwoProcessesStartingTogether_UpgradeTheDatabaseOnce()
    {
        var name = await CreateEmptyAsync();
        await using var a = new Database(Dialect, ConnectionString(name, "process-a"));
        await using var b = new Database(Dialect, ConnectionString(name, "process-b"));

        await Task.WhenAll(Task.Run(a.Migrate), Task.Run(b.Migrate));

        var changes = new EngineChanges();
        changes.Inserted.Add(NewApplication());
        await new SqlEngineStore(b).SaveAsync(changes, Now, CancellationToken.None);
    }

    [StoreFact]
    public async Task Outbox_TwoProcessesLeasingAtOnce_NeverTakeTheSameRow()
    {
        var written = await FillOutboxAsync(400);
        await using var second = OpenSecondProcess();

        var (a, b) = await RaceAsync(
            new SqlOutboxStore(Database), new SqlOutboxStore(second),
            (store, owner) => store.LeaseAsync(owner, Now, Lease, 7, CancellationToken.None),
            m => m.Sequence);

        Assert.Empty(a.Intersect(b));
        Assert.Equal(written.Count, a.Count + b.Count);
    }

    [StoreFact]
    public async Task Timers_TwoPollersLeasingAtOnce_NeverTakeTheSameTimer()
    {
        var changes = new EngineChanges();
        for (var i = 0; i < 300; i++)
        {
            changes.ScheduleTimer(new TimerRecord(Guid.NewGuid(), "stage:due", "stage", Now.AddMinutes(i % 60)));
        }

        await SaveAsync(changes);
        await using var second = OpenSecondProcess();

        var (a, b) = await RaceAsync(
            new SqlTimerStore(Database), new SqlTimerStore(second),
            (store, owner) => store.LeaseDueAsync(owner, Now.AddHours(1), Lease, 7, CancellationToken.None),
            t => t.ApplicationId);

        Assert.Empty(a.Intersect(b));
        Assert.Equal(300, a.Count + b.Count);
    }

    [StoreFact]
    public async Task Leases_OfAProcessThatDied_AreTakenOverOnceTheyRunOut()
    {
        await FillOutboxAsync(3);
        var timer = new EngineChanges();
        timer.ScheduleTimer(new TimerRecord(Guid.NewGuid(), "wait:due", "wait", Now));
        await SaveAsync(timer);

        // The first process leases everything, then dies without publishing or firing any of it.
        Assert.Equal(3, (await new SqlOutboxStore(Database).LeaseAsync("dead", Now, Lease, 10, CancellationToken.None)).Count);
        Assert.Single(await new SqlTimerStore(Database).LeaseDueAsync("dead", Now, Lease, 10, CancellationToken.None));
        await Database.DisposeAsync();

        await using var survivor = OpenSecondProcess();
        var outbox = new SqlOutboxStore(survivor);
        var timers = new SqlTimerStore(survivor);
        Assert.Empty(await outbox.LeaseAsync("survivor", Now + Lease - TimeSpan.FromSeconds(1), Lease, 10, CancellationToken.None));
        Assert.Empty(await timers.LeaseDueAsync("survivor", Now + Lease - TimeSpan.FromSeconds(1), Lease, 10, CancellationToken.None));
        Assert.Equal(3, (await outbox.LeaseAsync("survivor", Now + Lease, Lease, 10, CancellationToken.None)).Count);
        Assert.Single(await timers.LeaseDueAsync("survivor", Now + Lease, Lease, 10, CancellationToken.None));
    }

    [StoreFact]
    public async Task Relay_WhoseBatchOutlastsTheLease_RenewsIt_SoAnotherProcessPublishesNoneOfItsRows()
    {
        var written = await FillOutboxAsync(6);
        await using var second = OpenSecondProcess();
        var clock = new FakeTimeProvider(Now);
        var published = new ConcurrentBag<Guid>();
        var (relayA, senderA) = Relay(Database, "engine-a", clock, published, window: 1);
        var (relayB, _) = Relay(second, "engine-b", clock, published);

        // A slow broker, sent one message at a time: each confirm takes 10 s, so the six rows take twice the 30 s lease. The other process polls
        // when A's first lease would have run out, and again near the end.
        senderA.OnSend = async count =>
        {
            clock.Advance(TimeSpan.FromSeconds(10));
            if (count is 3 or 5)
            {
                await relayB.PublishBatchAsync(CancellationToken.None);
            }
        };
        await relayA.PublishBatchAsync(CancellationToken.None);

        Assert.Equal(written.Select(m => m.MessageId).Order(), published.Order());
    }

    [StoreFact]
    public async Task Relay_WhoseLeaseRanOutAndWasTakenOver_LeavesTheRestToTheProcessThatTookIt()
    {
        // A, sending one message at a time: the row A was sending may go twice (no lease can call back a publish under
        // way; the receiver's inbox drops the repeat); no other may.
        var (sentByA, sentByB) = await LeaseRunsOutMidPublishAsync(window: 1);

        Assert.Equal(1, sentByA);
        Assert.Equal(5, sentByB);
    }

    [StoreFact]
    public async Task Relay_WhoseLeaseRanOutMidWindow_MayRepeatOnlyTheRowsItHadOnTheirWay()
    {
        // A has two messages on their way at once: those two may go twice, the three after them only once.
        var (sentByA, sentByB) = await LeaseRunsOutMidPublishAsync(window: 2);

        Assert.Equal(2, sentByA);
        Assert.Equal(5, sentByB);
    }

    /// <summary>
    /// Process A, with <paramref name="window"/> messages on their way at once, stalls on its first confirm past the whole
    /// lease and cannot reach its database meanwhile to renew the lease; process B takes every one of five rows over.
    /// Checks that every message went at least once, and returns how many each process sent.
    /// </summary>
    private async Task<(int SentByA, int SentByB)> LeaseRunsOutMidPublishAsync(int window)
    {
        var written = await FillOutboxAsync(5);
        await using var second = OpenSecondProcess();
        var clock = new FakeTimeProvider(Now);
        var published = new ConcurrentBag<Guid>();
        var storeA = new UnreachableRenewals(new SqlOutboxStore(Database));
        var (relayA, senderA) = Relay(Database, "engine-a", clock, published, storeA, window);
        var (relayB, senderB) = Relay(second, "engine-b", clock, published);
        senderA.OnSend = async count =>
        {
            if (count == 0)
            {
                storeA.Unreachable = true;
                clock.Advance(TimeSpan.FromSeconds(40));
                await relayB.PublishBatchAsync(CancellationToken.None);
                storeA.Unreachable = false;
            }
        };
        await relayA.PublishBatchAsync(CancellationToken.None);

        Assert.Equal(written.Select(m => m.MessageId).Order(), published.Distinct().Order());
        return (senderA.Count, senderB.Count);
    }

    [StoreFact]
    public async Task Relay_ToADurableBroker_SendsTheNextMessagesWhileTheFirstAwaitsItsConfirm()
    {
        await FillOutboxAsync(3);
        var (relay, sender) = Relay(Database, "engine-a", new FakeTimeProvider(Now), new ConcurrentBag<Guid>());

        // The broker has not confirmed the first message yet: the other two go meanwhile, so that the broker can write
        // all three to its disk at once instead of one write, and one wait, per message.
        var confirm = new TaskCompletionSource();
        sender.OnSend = count => count == 0 ? confirm.Task : Task.CompletedTask;
        var publishing = relay.PublishBatchAsync(CancellationToken.None);
        var waited = Stopwatch.StartNew();
        while (sender.Count < 3 && waited.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(10);
        }

        Assert.Equal(3, sender.Count);
        Assert.False(publishing.IsCompleted);
        confirm.SetResult();
        Assert.Equal(3, await publishing);
    }

    [StoreFact]
    public async Task Bug_9_APublishOutlastingItsLease_WasPublishedAgainByAnotherProcess()
    {
        var written = await FillOutboxAsync(3);
        await using var second = OpenSecondProcess();
        var clock = new FakeTimeProvider(Now);
        var published = new ConcurrentBag<Guid>();
        var (relayA, senderA) = Relay(Database, "engine-a", clock, published);
        var (relayB, senderB) = Relay(second, "engine-b", clock, published);

        // RabbitMQ takes 70 s, more than two leases, to confirm A's first message. The other process polls every 5 s,
        // each time once A's lease of that row reaches past the clock (or, A not renewing it, after 2 s).
        senderA.OnSend = async count =>
        {
            for (var waited = 0; count == 0 && waited < 70; waited += 5)
            {
                clock.Advance(TimeSpan.FromSeconds(5));
                await LeaseReachesPastAsync(clock.GetUtcNow());
                await relayB.PublishBatchAsync(CancellationToken.None);
            }
        };
        await relayA.PublishBatchAsync(CancellationToken.None);

        Assert.Equal(0, senderB.Count);
        Assert.Equal(written.Select(m => m.MessageId).Order(), published.Order());
    }

    [StoreFact]
    public async Task Bug_9_AReceiptArrivingDuringARenewal_WasWarnedOfAsALeaseLost()
    {
        var written = await FillOutboxAsync(2);
        var clock = new FakeTimeProvider(Now);
        var options = Options.Create(new EngineOptions { InstanceName = "engine-a", LeaseDuration = Lease, RelayPollInterval = TimeSpan.Zero });
        var signal = new OutboxSignal();
        var committed = new CommittedOutbox(signal, options);
        var receipts = new DeliveryReceipts(committed, clock);
        var sender = new RecordingSender(new ConcurrentBag<Guid>()) { SendIsDurable = false };
        var log = new WarningLog<OutboxRelay>();
        var relay = new OutboxRelay(new SqlOutboxStore(Database), sender, committed, receipts, signal, clock, options, log);

        // The in-memory bus runs the first message's consumer, which commits it, before the send returns; the send then
        // takes more than half a lease, so the relay renews after the receipt has had the row deleted.
        sender.OnSend = async count =>
        {
            if (count == 0)
            {
                receipts.Received([written[0].MessageId.ToString()]);
                clock.Advance(Lease / 2 + TimeSpan.FromSeconds(1));
                await OutboxHoldsAsync(1);
            }
        };
        await relay.PublishBatchAsync(CancellationToken.None);

        Assert.Equal(2, sender.Count);
        // The relay did renew in the middle of the first send: the second row, awaiting its receipt, holds the new lease.
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        Assert.Equal(
            (Now + Lease / 2 + TimeSpan.FromSeconds(1) + Lease).ToUnixTimeMilliseconds(),
            await connection.ExecuteScalarAsync<long>("SELECT MAX(lease_until) FROM outbox"));
        Assert.Empty(log.Warnings);
    }

    [StoreFact]
    public async Task Application_SavedByTwoProcessesAtOnce_IsSavedOnce_AndTheOtherIsToldToRetry()
    {
        var application = await SaveNewApplicationAsync();
        await using var second = OpenSecondProcess();

        var first = await LoadAsync(application.Id);
        first.Status = ApplicationStatuses.Completed;
        var other = await LoadAsync(application.Id);
        other.Status = ApplicationStatuses.Rejected;
        var outcomes = await Task.WhenAll(
            TrySaveAsync(new SqlEngineStore(Database), Updated(first)),
            TrySaveAsync(new SqlEngineStore(second), Updated(other)));

        var failure = Assert.Single(outcomes, o => o is not null);
        Assert.IsType<ConcurrencyException>(failure);
        var saved = await LoadAsync(application.Id);
        Assert.Equal(2, saved.Version);
        Assert.Equal(outcomes[0] is null ? ApplicationStatuses.Completed : ApplicationStatuses.Rejected, saved.Status);
    }

    [StoreFact]
    public async Task Report_ArrivingAtBothProcesses_IsAppliedOnce()
    {
        var application = await SaveNewApplicationAsync();
        await using var second = OpenSecondProcess();

        EngineChanges Report(string by)
        {
            var changes = new EngineChanges();
            changes.Inbox.Add("report-1");
            changes.Notifications.Add(new NotificationRecord(application.Id, Now, "step-completed", by));
            return changes;
        }

        var outcomes = await Task.WhenAll(
            TrySaveAsync(new SqlEngineStore(Database), Report("first")),
            TrySaveAsync(new SqlEngineStore(second), Report("second")));

        Assert.IsType<ConcurrencyException>(Assert.Single(outcomes, o => o is not null));
        Assert.Single(await new SqlApplicationQueries(Database).NotificationsAsync(application.Id, CancellationToken.None));
    }

    [StoreFact]
    public async Task Bug_9_TwoProcessesChangingTheSameApplicationsInOtherOrders_Deadlocked()
    {
        const int Rounds = 15;
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            ids.Add((await SaveNewApplicationAsync()).Id);
        }

        await using var second = OpenSecondProcess();
        var (storeA, storeB) = (new SqlEngineStore(Database), new SqlEngineStore(second));
        var failures = new List<Exception>();
        for (var round = 0; round < Rounds; round++)
        {
            // Two engine processes' batches change the same applications, each in the order its reports came: one the
            // other's reverse. Each process read them at the same version, so one of them must run again.
            var first = await LoadAllAsync(ids);
            var other = await LoadAllAsync(Enumerable.Reverse(ids));
            // A deadlock's victim (PostgreSQL's 40P01) throws from here.
            var outcomes = await Task.WhenAll(TrySaveAsync(storeA, first), TrySaveAsync(storeB, other));
            failures.AddRange(outcomes.OfType<Exception>());
        }

        // Each time the loser is told to run again on fresh state.
        Assert.Equal(Rounds, failures.Count);
    }

    /// <summary>The applications at their stored version, in the order of <paramref name="ids"/>, as one batch's change.</summary>
    private async Task<EngineChanges> LoadAllAsync(IEnumerable<Guid> ids)
    {
        var order = ids.ToList();
        await using var reader = await new SqlEngineStore(Database).OpenReaderAsync(CancellationToken.None);
        var changes = new EngineChanges();
        changes.Updated.AddRange((await reader.LoadApplicationsAsync(order, CancellationToken.None)).OrderBy(a => order.IndexOf(a.Id)));
        return changes;
    }

    /// <summary>Waits, up to 2 s, until the outbox holds <paramref name="rows"/> rows.</summary>
    private async Task OutboxHoldsAsync(long rows)
    {
        var waited = Stopwatch.StartNew();
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        while (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox") != rows && waited.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(20);
        }
    }

    /// <summary>Waits, up to 2 s, until every outbox row is leased past <paramref name="instant"/>.</summary>
    private async Task LeaseReachesPastAsync(DateTimeOffset instant)
    {
        var waited = Stopwatch.StartNew();
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        while (await connection.ExecuteScalarAsync<long>("SELECT MIN(lease_until) FROM outbox") <= instant.ToUnixTimeMilliseconds()
            && waited.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(20);
        }
    }

    /// <summary>One process's relay on <paramref name="database"/>, publishing to <paramref name="published"/>.</summary>
    private static (OutboxRelay Relay, RecordingSender Sender) Relay(
        Database database, string process, TimeProvider clock, ConcurrentBag<Guid> published, IOutboxStore? store = null, int window = 64)
    {
        var options = Options.Create(new EngineOptions { InstanceName = process, LeaseDuration = Lease, RelayPollInterval = TimeSpan.Zero, RelayWindow = window });
        var signal = new OutboxSignal();
        var committed = new CommittedOutbox(signal, options);
        var sender = new RecordingSender(published);
        var relay = new OutboxRelay(
            store ?? new SqlOutboxStore(database), sender, committed, new DeliveryReceipts(committed, clock), signal, clock, options, NullLogger<OutboxRelay>.Instance);
        return (relay, sender);
    }

    private static EngineChanges Updated(ApplicationRecord application)
    {
        var changes = new EngineChanges();
        changes.Updated.Add(application);
        return changes;
    }

    private static async Task<Exception?> TrySaveAsync(SqlEngineStore store, EngineChanges changes)
    {
        await Task.Yield();
        try
        {
            await store.SaveAsync(changes, Now, CancellationToken.None);
            return null;
        }
        catch (ConcurrencyException ex)
        {
            return ex;
        }
    }

    /// <summary>Two processes lease in a loop at the same moment until nothing is left; returns the keys each took.</summary>
    private static async Task<(List<TKey> A, List<TKey> B)> RaceAsync<TStore, TItem, TKey>(
        TStore first, TStore second, Func<TStore, string, Task<IReadOnlyList<TItem>>> lease, Func<TItem, TKey> key)
    {
        using var start = new SemaphoreSlim(0, 2);
        async Task<List<TKey>> LeaseAllAsync(TStore store, string owner)
        {
            await start.WaitAsync();
            var taken = new List<TKey>();
            while ((await lease(store, owner)) is { Count: > 0 } leased)
            {
                taken.AddRange(leased.Select(key));
            }

            return taken;
        }

        var a = Task.Run(() => LeaseAllAsync(first, "process-a"));
        var b = Task.Run(() => LeaseAllAsync(second, "process-b"));
        start.Release(2);
        return (await a, await b);
    }

    /// <summary>A process's outbox whose renewals fail while <see cref="Unreachable"/>, as when its database is out of reach.</summary>
    private sealed class UnreachableRenewals(IOutboxStore store) : IOutboxStore
    {
        public volatile bool Unreachable;

        public Task<IReadOnlyList<OutboxMessage>> LeaseAsync(string owner, DateTimeOffset now, TimeSpan leaseFor, int max, CancellationToken cancellationToken) =>
            store.LeaseAsync(owner, now, leaseFor, max, cancellationToken);

        public Task<IReadOnlyList<long>> RenewAsync(string owner, IReadOnlyList<long> sequences, DateTimeOffset now, TimeSpan leaseFor, CancellationToken cancellationToken) =>
            Unreachable ? throw new TimeoutException("The database is out of reach.") : store.RenewAsync(owner, sequences, now, leaseFor, cancellationToken);

        public Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken) => store.DeleteAsync(sequences, cancellationToken);

        public Task ReleaseAsync(string owner, long sequence, string error, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
            store.ReleaseAsync(owner, sequence, error, retryAt, cancellationToken);

        public Task<int> CountAsync(CancellationToken cancellationToken) => store.CountAsync(cancellationToken);
    }
}
