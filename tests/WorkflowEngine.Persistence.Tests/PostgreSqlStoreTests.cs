using System.Collections.Concurrent;
using System.Diagnostics;
using Dapper;
using Npgsql;
using WorkflowEngine.Persistence.Dialects;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Audit;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Runtime.Timers;

namespace WorkflowEngine.Persistence.Tests;

/// <summary>
/// The store suite on PostgreSQL, in a fresh database per test on the server <c>WFE_TEST_POSTGRES</c> names (an admin
/// connection string whose role may create databases; <c>.ci/run</c> starts a server and sets it).
/// </summary>
[Trait("Category", "Integration")]
[DatabaseServer(Variable, "WFE_TEST_POSTGRES is not set: it holds an admin connection string of a PostgreSQL server these tests may create databases on (.ci/run starts one and sets it)")]
public sealed class PostgreSqlStoreTests : SharedDatabaseStoreTests
{
    public const string Variable = "WFE_TEST_POSTGRES";

    private static string Admin => Environment.GetEnvironmentVariable(Variable) ?? throw new InvalidOperationException($"{Variable} is not set.");

    protected override ISqlDialect Dialect { get; } = new PostgreSqlDialect();

    protected override (string[] Refuse, string Allow) FailingPasswordInserts => (
        [
            "CREATE FUNCTION refuse_passwords() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected failure'; END $$",
            "CREATE TRIGGER refuse_passwords BEFORE INSERT ON user_credentials FOR EACH ROW EXECUTE FUNCTION refuse_passwords()",
        ],
        "DROP TRIGGER refuse_passwords ON user_credentials");

    protected override Task CreateAsync(string name) => AdminAsync($"CREATE DATABASE \"{name}\"");

    protected override Task DropAsync(string name)
    {
        foreach (var process in new[] { "process-a", "process-b" })
        {
            using var connection = new NpgsqlConnection(ConnectionString(name, process));
            NpgsqlConnection.ClearPool(connection);
        }

        return AdminAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    /// <summary>
    /// A department host's tables fill faster than autovacuum analyses them, and PostgreSQL then plans on guesses. With
    /// <c>IN (SELECT … FROM json_array_elements_text(…))</c> it guessed 100 values per list and scanned the whole task
    /// table for each lookup of a batch's tasks (2,568 scans of 10 million rows in one benchmark run, and the inbox
    /// likewise): the lists must reach the index on every one of their columns, analysed or not.
    /// </summary>
    [StoreFact]
    public async Task ListLookups_OnTablesNotYetAnalysed_UseTheIndexForEveryList()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            ALTER TABLE department_tasks SET (autovacuum_enabled = off);
            ALTER TABLE inbox SET (autovacuum_enabled = off);
            INSERT INTO department_tasks (id, application_id, tracking_number, service_id, service_title, step_id, attempt,
                department, title, status, automated, dispatched_at, due_at, received_at, payload_json)
            SELECT md5(i::text), md5((i / 7)::text), 'T', 's', 'S', 'step-' || (i % 7), 1, 'SAMR', 't', 'open', 1, 0, 0, 0, repeat('x', 500)
            FROM generate_series(1, 20000) AS i;
            INSERT INTO inbox (consumer, message_id, processed_at) SELECT 'department', md5(i::text), i FROM generate_series(1, 20000) AS i;
            """);
        var dialect = Database.Dialect;

        var tasks = await PlanAsync(
            connection,
            $"SELECT id FROM department_tasks WHERE {dialect.In("application_id", "@Ids")} AND {dialect.In("step_id", "@Steps")}",
            new { Ids = ListParameter.Of(["c4ca4238a0b923820dcc509a6f75849b"]), Steps = ListParameter.Of(["step-1", "step-2"]) });
        var inbox = await PlanAsync(
            connection,
            $"SELECT message_id FROM inbox WHERE consumer = @Consumer AND {dialect.In("message_id", "@Ids")}",
            new { Consumer = "department", Ids = ListParameter.Of(["a", "b"]) });

        Assert.DoesNotContain("Seq Scan", tasks);
        Assert.Contains("Index Cond: ((application_id = ANY", tasks);
        Assert.Contains("AND (step_id = ANY", tasks);
        Assert.Contains("Index Cond: ((consumer = 'department'::text) AND (message_id = ANY", inbox);
    }

    /// <summary>
    /// The inbox prune reads no more than it deletes, both ways (PostgreSQL 0068), on a table not yet analysed: entries
    /// not ordered by their id through the partial <c>ix_inbox_processed_at</c>, the others in their consumer's range of
    /// the key, the consumers one step each down the key.
    /// </summary>
    [StoreFact]
    public async Task InboxPrune_OnATableNotYetAnalysed_SearchesTheIndexAndTheKey()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            ALTER TABLE inbox SET (autovacuum_enabled = off);
            INSERT INTO inbox (consumer, message_id, processed_at, pruned_by_id)
            SELECT CASE WHEN i % 2 = 0 THEN 'engine' ELSE 'department' END, md5(i::text), i, i % 3 FROM generate_series(1, 20000) AS i;
            """);
        var dialect = Database.Dialect;

        var byTime = await PlanAsync(connection, dialect.PruneInbox, new { Before = 100L, Max = 10 });
        var consumers = await PlanAsync(connection, dialect.InboxConsumers, new { });
        var byId = await PlanAsync(connection, dialect.PruneInboxById, new { Consumer = "engine", Bound = "0", Before = 100L, Max = 10 });

        Assert.DoesNotContain("Seq Scan", byTime + consumers + byId);
        Assert.Contains("ix_inbox_processed_at", byTime);
        Assert.Contains("Index Cond: ((consumer = 'engine'::text) AND (message_id < '0'::text))", byId);
    }

    /// <summary>
    /// Loading a holiday year recounts the open applications a page at a time, finished ones with a step still at its
    /// department included: those steps come from a partial index of the steps at a department (<c>ix_steps_waiting</c>
    /// or <c>ix_steps_open</c>), never from a scan of every step of every finished application.
    /// </summary>
    [StoreFact]
    public async Task TheCalendarRecount_FindsWaitingStepsInTheirIndex_NotByScanningEveryStep()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            ALTER TABLE steps SET (autovacuum_enabled = off);
            INSERT INTO applications (id, tracking_number, service_id, service_version, applicant_id, status, form_json, state_json, version, submitted_at)
            SELECT md5(i::text), 'T' || i, 'business-opening', 1, 'a', CASE WHEN i % 100 = 0 THEN 'in-progress' ELSE 'completed' END, '{}', '{}', 1, i
            FROM generate_series(1, 20000) AS i;
            INSERT INTO steps (application_id, step_id, kind, title, status, attempt, last_contact_at)
            SELECT md5(i::text), 'step-' || j, 'department-task', 't', CASE WHEN i % 997 = 0 AND j = 1 THEN 'dispatched' ELSE 'approved' END, 1, i
            FROM generate_series(1, 20000) AS i, generate_series(1, 6) AS j;
            ANALYZE applications;
            """);
        var (sql, parameters) = await RecountQueryAsync();

        var plan = await PlanAsync(connection, sql, parameters);

        Assert.DoesNotContain("Seq Scan on steps", plan, StringComparison.Ordinal);
        // Either partial index of the steps still at a department will do: waiting (0004) or open (0023, for the statistics).
        Assert.True(plan.Contains("ix_steps_waiting", StringComparison.Ordinal) || plan.Contains("ix_steps_open", StringComparison.Ordinal), plan);
    }

    /// <summary>
    /// A department's decided tasks grow without end, and the queue lists them newest first a page at a time: the page
    /// must come from an index in that order, never from scanning and sorting the whole history; the open queue and its
    /// service filter must reach an index on the department too (here one of twenty departments on the host). The open
    /// tasks' indexes hold open tasks only (0067), so every other list (claimed, withdrawn, "all", the search) must reach
    /// the department's tasks through the indexes of their statuses too. Which index serves each is the planner's choice.
    /// </summary>
    [StoreFact]
    public async Task TheQueue_ReadsEachPageFromAnIndex_DecidedTasksWithoutSortingTheHistory()
    {
        await using var connection = await Database.OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("""
            INSERT INTO department_tasks (id, application_id, tracking_number, service_id, service_title, step_id, attempt,
                department, title, status, automated, dispatched_at, due_at, received_at, payload_json, completed_at, warning)
            SELECT md5(i::text), md5(i::text), 'T', 's' || (i % 7), 'S', 'licence', 1, CASE WHEN i % 20 = 0 THEN 'SAMR' ELSE 'D' || (i % 20) END,
                't', CASE WHEN i % 100 = 0 THEN 'open' WHEN i % 100 = 40 THEN 'claimed' WHEN i % 1000 = 20 THEN 'cancelled' ELSE 'completed' END, 0, i, i, i, '{}',
                CASE WHEN i % 100 IN (0, 40) OR i % 1000 = 20 THEN NULL ELSE i END, CASE WHEN i % 300 = 0 THEN 'red' END
            FROM generate_series(1, 100000) AS i;
            ANALYZE department_tasks;
            """);

        var plans = new List<string>();
        foreach (var filter in new[]
        {
            new TaskQueueFilter(TaskStatuses.Completed), new TaskQueueFilter(TaskStatuses.Completed, "s1"),
            new TaskQueueFilter(TaskStatuses.Open), new TaskQueueFilter(TaskStatuses.Open, "s1", Now),
            new TaskQueueFilter("unclaimed"), new TaskQueueFilter(TaskStatuses.Claimed), new TaskQueueFilter(TaskStatuses.Open, Card: "red"),
            new TaskQueueFilter(TaskStatuses.Cancelled), new TaskQueueFilter("all"), new TaskQueueFilter("all", "s1"),
            new TaskQueueFilter("all", Search: new TaskSearch("YB2026", "张")),
        })
        {
            var (sql, count, parameters) = SqlTaskQueries.QueueCommand(Database.Dialect, "SAMR", filter, 50, 1000);
            plans.Add(await PlanAsync(connection, sql, parameters));
            plans.Add(await PlanAsync(connection, count, parameters));
        }

        plans.Add(await PlanAsync(connection, SqlTaskQueries.ServicesCommand, new { Department = "SAMR" }));

        Assert.All(plans, plan => Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal));
        // Newest first straight from an index: at most an incremental sort to break ties, never a sort of every decision.
        Assert.DoesNotMatch(@"(?<!Incremental )Sort  \(", plans[0]);
    }

    /// <summary>
    /// An engine commit writes up to a dozen tables. Sent one table at a time, each waited for its reply: in the
    /// distributed benchmark about eight round trips a commit, and the replies and context switches were a large share
    /// of the machine's time. Its statements now go in one batch (BEGIN with them), and only the COMMIT follows.
    /// </summary>
    [StoreFact]
    public async Task EngineCommit_SendsTheStatementsOfEveryTableInOneRoundTrip()
    {
        var application = NewApplication();
        var changes = new EngineChanges();
        changes.Inserted.Add(application);
        changes.Steps[(application.Id, "licence")] = new StepRecord
        {
            ApplicationId = application.Id, StepId = "licence", Kind = "department-task", Department = "SAMR", Title = "营业执照",
            Status = StepStatuses.Dispatched, Attempt = 1,
        };
        changes.Audit.Add(new AuditRecord(application.Id, Now, "ApplicationSubmitted", null, "zhangsan", null));
        changes.Audit.Add(new AuditRecord(application.Id, Now, "StepDispatched", "licence", null, null));
        changes.ScheduleTimer(new TimerRecord(application.Id, "stage:due", "stage", Now.AddDays(5)));
        changes.Outbox.Add(new OutboxMessage(Guid.NewGuid(), "dept.SAMR", "ExecuteStep", "{}", Now));
        changes.Outbox.Add(new OutboxMessage(Guid.NewGuid(), "dept.TAX", "ExecuteStep", "{}", Now));
        changes.Inbox.Add("m-1");
        changes.Notifications.Add(new NotificationRecord(application.Id, Now, "accepted", "已受理"));
        changes.Materials.Add(new MaterialRecord(Guid.NewGuid(), application.Id, "articles", "章程.pdf", "application/pdf", 10, "sha", Now));
        var relay = new CommittedOutbox(new OutboxSignal(), Microsoft.Extensions.Options.Options.Create(new Runtime.EngineOptions
        {
            InstanceName = "engine-a",
            LeaseDuration = TimeSpan.FromSeconds(30),
        }));

        var sent = await CommandsSentAsync(() => new SqlEngineStore(Database, relay).SaveAsync(changes, Now, CancellationToken.None));

        Assert.Single(sent);
        var handed = new List<OutboxMessage>();
        relay.TakeCommitted(handed, 10);
        Assert.Equal(changes.Outbox.Select(m => m.MessageId), handed.Select(m => m.MessageId));
        Assert.True(handed[0].Sequence > 0 && handed[1].Sequence > handed[0].Sequence);
        var saved = await LoadAsync(application.Id);
        Assert.Equal(2, saved.AuditSequence);
        Assert.Single(await new SqlApplicationQueries(Database).NotificationsAsync(application.Id, CancellationToken.None));
    }

    /// <summary>The commands Npgsql sent to the server while <paramref name="act"/> ran (its own, not other tests').</summary>
    private static async Task<List<string>> CommandsSentAsync(Func<Task> act)
    {
        using var source = new ActivitySource("WorkflowEngine.Persistence.Tests");
        var sent = new ConcurrentQueue<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" || s == source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        using (var root = source.StartActivity("act"))
        {
            listener.ActivityStarted = a =>
            {
                // A new pool's first physical connection shows as CONNECT; a pooled one (the usual case) does not.
                if (a.Source.Name == "Npgsql" && a.Parent == root && !a.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal))
                {
                    sent.Enqueue(a.DisplayName);
                }
            };
            await act();
        }

        return [.. sent];
    }

    private static async Task<string> PlanAsync(System.Data.Common.DbConnection connection, string sql, object parameters) =>
        string.Join('\n', await connection.QueryAsync<string>("EXPLAIN " + sql, parameters));

    protected override string ConnectionString(string database, string process) =>
        new NpgsqlConnectionStringBuilder(Admin) { Database = database, ApplicationName = process }.ConnectionString;

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
