using Dapper;
using Npgsql;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The distributed deployment the crash tests kill: two engine processes on one PostgreSQL database and the department
/// hosts a test adds, over one RabbitMQ virtual host, on a Monday morning with 企业开办's steps limited to seconds of
/// working time (so their cards and escalation come due across the kills). Afterwards it proves from the databases that
/// nothing was lost and nothing happened twice.
/// </summary>
internal sealed class DistributedCrashDeployment : IAsyncDisposable
{
    public static readonly TimeSpan Start = TimeSpan.FromMinutes(1);

    private readonly DirectoryInfo _directory;
    private readonly RabbitMqBroker _broker;
    private readonly PostgresDatabases _databases;
    private readonly string[] _common;
    private readonly List<HostProcess> _departmentHosts = [];

    /// <summary>Each department database and the departments its hosts serve (null for <c>*</c>).</summary>
    private readonly Dictionary<string, string[]?> _departmentDatabases = [];

    /// <summary>Every department of the shipped definitions: the department hosts' service account may fetch their materials.</summary>
    private const string AllDepartments = "SAMR,PSB,TAX,HRSS,HSA,HPF,BANK,GSC,DRC,NRP,EEB,HUD,QSS,CAD,ARCH,REG";

    /// <summary>The department hosts' token at the engine hosts, which keep only its hash, as an operator configures them.</summary>
    private readonly string _engineToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private DistributedCrashDeployment(DirectoryInfo directory, RabbitMqBroker broker, PostgresDatabases databases, string engineDb, int stepSeconds)
    {
        _directory = directory;
        _broker = broker;
        _databases = databases;
        EngineDb = engineDb;
        _common =
        [
            "--environment=Development",
            "--Database:Provider=postgresql",
            $"--Engine:DefinitionsPath={CrashDefinitions.WithShortLimits(directory, stepSeconds)}",
            CrashDefinitions.ClockOffsetArgument(),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Error",
            // One citizen and three clerks make thousands of requests a minute here, far beyond what one person does.
            "--RateLimits:Enabled=false",
            .. broker.HostArgs,
        ];
        string[] engineArgs =
        [
            .. _common, $"--Database:ConnectionString={engineDb}", $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}",
            // The stuck-work check is the safety net, and the tests assert nothing needed it: on a loaded 2-core machine a
            // department host working through the backlog the kills left takes more than the 2 minutes a step waits for
            // its acknowledgement by default (284 steps were sent again in one run). A lost message still fails the test:
            // its application would not finish within the wait.
            "--Engine:StepAckTimeout=00:10:00",
            "--ServiceAccounts:0:Name=departments", $"--ServiceAccounts:0:TokenSha256={Identity.ServiceAccount.Hash(_engineToken)}",
            $"--ServiceAccounts:0:Departments={AllDepartments}",
        ];
        Engine = HostProcess.For("WorkflowEngine.EngineHost", Path.Combine(directory.FullName, "engine.log"), engineArgs);
        Second = HostProcess.For("WorkflowEngine.EngineHost", Path.Combine(directory.FullName, "engine-2.log"), engineArgs);
    }

    public HostProcess Engine { get; }

    public HostProcess Second { get; }

    public string EngineDb { get; }

    private IEnumerable<HostProcess> All => [Engine, Second, .. _departmentHosts];

    /// <param name="stepSeconds">
    /// 企业开办's step limit in working seconds: short enough that steps the kills leave waiting get their red card and,
    /// a fifth of it later, their escalation.
    /// </param>
    public static async Task<DistributedCrashDeployment> CreateAsync(int stepSeconds)
    {
        var directory = Directory.CreateTempSubdirectory("workflow-distributed-crash-");
        var broker = await RabbitMqBroker.CreateAsync();
        var databases = new PostgresDatabases();
        return new DistributedCrashDeployment(directory, broker, databases, await databases.CreateAsync("crash_engine"), stepSeconds);
    }

    /// <summary>A department database of its own, for one or more department hosts.</summary>
    public Task<string> DepartmentDatabaseAsync(string purpose) => _databases.CreateAsync(purpose);

    /// <summary>A department host serving <paramref name="codes"/> (a list, or <c>*</c>) on <paramref name="database"/>; not started.</summary>
    public HostProcess DepartmentHost(string name, string database, string codes)
    {
        var host = HostProcess.For("WorkflowEngine.DepartmentHost", Path.Combine(_directory.FullName, name + ".log"),
            [
                .. _common, $"--Database:ConnectionString={database}", $"--Departments:Codes={codes}",
                // As deployed: materials, calendars and department names come from the engine host, with the host's
                // credential. Here from the first engine process (a load balancer in front of both in production): its
                // kill is part of the test, and a clerk's download meanwhile is answered 502 and tried again.
                $"--Departments:EngineUrl={Engine.Address}", $"--Departments:EngineToken={_engineToken}",
            ]);
        _departmentHosts.Add(host);
        _departmentDatabases[database] = codes == "*" ? null : codes.Split(',');
        return host;
    }

    /// <summary>Starts the first engine and the department hosts side by side, then the second engine.</summary>
    public async Task StartAsync()
    {
        await Task.WhenAll(_departmentHosts.Select(h => h.StartAsync(Start)).Append(Engine.StartAsync(Start)));
        await Second.StartAsync(Start);
    }

    /// <summary>Citizens at both engine processes, clerks at the department hosts <paramref name="desks"/> gives per department.</summary>
    public CrashLoad Load(int applications, Func<string, Uri[]> desks) =>
        new([Engine.Address, Second.Address], desks, applications)
        {
            Probe = Describe, JointAcceptanceEvery = 5, DownloadMaterials = true,
            // A run whose clerks kept up with every step saw its red cards but no escalation (CI, stop 30): a few steps
            // now wait until the escalation came due.
            HoldUntil = () => Scalar(EngineDb, "SELECT COUNT(*) FROM audit_events WHERE type = 'Escalated'") > 0,
        };

    /// <summary>
    /// Runs <paramref name="load"/> and, while it runs, the test's own <paramref name="kills"/>; then, once the clerks
    /// have made as many decisions as there are applications, SIGKILLs every process at once and starts them again;
    /// waits for every application to finish and every outbox to empty, and checks that nothing was lost or repeated.
    /// </summary>
    public async Task RunAsync(CrashLoad load, Func<Task> kills)
    {
        var running = load.RunAsync();
        try
        {
            await kills();
            await WaitUntilAsync(load, () => load.Decisions.Count >= load.Applications, "more decisions");
            await RestartAsync([.. All]);
            await FinishAsync(load);
        }
        finally
        {
            load.Stop();
            await running;
            // The databases hold still while they are checked.
            await Task.WhenAll(All.Select(h => h.KillAsync()));
        }

        await AssertNothingLostOrRepeatedAsync(load);
    }

    /// <summary>SIGKILLs the hosts together, then starts them again on the same data.</summary>
    public static async Task RestartAsync(params HostProcess[] hosts)
    {
        await Task.WhenAll(hosts.Select(h => h.KillAsync()));
        await Task.WhenAll(hosts.Select(h => h.StartAsync(Start)));
    }

    /// <summary>Waits until <paramref name="count"/> consumers read <paramref name="queue"/> (a host's bus binds its queues after <c>/health</c> answers).</summary>
    public async Task WaitUntilConsumersAsync(string queue, int count)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        int? consumers = null;
        while ((consumers = (await _broker.QueueAsync(queue))?.GetProperty("consumers").GetInt32()) != count)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"{queue} has {consumers} consumers after {clock.Elapsed}, not {count}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Waits for <paramref name="condition"/>, with every process's last lines in the message if it does not come.</summary>
    public Task WaitUntilAsync(CrashLoad load, Func<bool> condition, string what, TimeSpan? timeout = null) =>
        load.WaitUntilAsync(condition, what, Engine, timeout, [Second, .. _departmentHosts]);

    /// <summary>Waits until every application has finished and every outbox is empty.</summary>
    private async Task FinishAsync(CrashLoad load)
    {
        await WaitUntilAsync(load,
            () => load.SubmissionsDone && Scalar(EngineDb, "SELECT COUNT(*) FROM applications WHERE status NOT IN ('completed', 'rejected')") == 0,
            "every application to finish", TimeSpan.FromMinutes(4));
        await WaitUntilAsync(load,
            () => Scalar(EngineDb, "SELECT COUNT(*) FROM outbox") + _departmentDatabases.Keys.Sum(d => Scalar(d, "SELECT COUNT(*) FROM outbox")) == 0,
            "every outbox to empty");
    }

    /// <summary>
    /// Every application answered 201 has finished, every decision answered 200 is its step's outcome, each step has one
    /// task (at a host serving its department) and was decided once, timers fired once and none is left, nothing had to be
    /// sent again, and no effect happened twice on either side.
    /// </summary>
    private async Task AssertNothingLostOrRepeatedAsync(CrashLoad load)
    {
        Assert.Empty(load.ServerErrors);
        // The clerks opened materials through their department hosts, which fetched them from the engine host.
        Assert.True(load.MaterialDownloads > 0, "no clerk downloaded a material through a department host");
        Assert.True(Scalar(EngineDb, "SELECT COUNT(*) FROM audit_events WHERE type = 'MaterialDownloaded' AND actor = 'service:departments'") >= load.MaterialDownloads,
            "the engine's trail names fewer downloads by the department hosts' account than the clerks made");
        // Both services went through: the joint acceptance's registration step was decided by its clerk.
        Assert.True(Scalar(EngineDb, "SELECT COUNT(*) FROM applications WHERE service_id = 'joint-acceptance-registration' AND status = 'completed'") > 0);
        await using var db = new NpgsqlConnection(EngineDb);
        var statuses = (await db.QueryAsync<(string Id, string Status)>("SELECT CAST(id AS text), status FROM applications")).ToDictionary(r => r.Id, r => r.Status);
        var steps = (await db.QueryAsync<(string ApplicationId, string StepId, string Status)>("SELECT CAST(application_id AS text), step_id, status FROM steps"))
            .ToDictionary(s => (s.ApplicationId, s.StepId), s => s.Status);
        load.AssertNothingLost(statuses, steps);

        await AssertOneTaskPerStepAsync();

        Assert.Empty(await db.QueryAsync<string>(
            """
            SELECT CAST(application_id AS text) || '/' || COALESCE(step_id, '') || '/' || type FROM audit_events
            WHERE type IN ('ApplicationSubmitted', 'ApplicationAccepted', 'ApplicationCompleted', 'ApplicationRejected', 'StepDispatched',
                'StepReceived', 'StepClaimed', 'StepApproved', 'StepRejected', 'StepCancelled')
            GROUP BY application_id, step_id, type HAVING COUNT(*) > 1
            """));
        Assert.Empty(await db.QueryAsync<string>("SELECT CAST(application_id AS text) || '/' || name FROM certificates GROUP BY application_id, name HAVING COUNT(*) > 1"));
        Assert.Empty(await db.QueryAsync<string>("SELECT CAST(application_id AS text) || '/' || kind FROM notifications GROUP BY application_id, kind HAVING COUNT(*) > 1"));
        // Incidents are the engine's (a department host's database has no such table); failed messages every host's.
        Assert.Equal(0, Scalar(EngineDb, "SELECT COUNT(*) FROM incidents"));
        foreach (var database in _departmentDatabases.Keys.Prepend(EngineDb))
        {
            Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM failed_messages"));
        }

        // No timer is left behind (a finished application's deadline timers are gone), and none fired twice: the cards and
        // the escalation of steps left waiting by the kills came due, each once per step, card and limit, at the engine and
        // at the department hosts (a red card leaves its supervisors one notice).
        var leftTimers = (await db.QueryAsync<(string Timer, string ApplicationId)>(
            """
            SELECT t.timer_id || ' at ' || t.node_id || ' due ' || CAST(t.due_at AS text) || ' leased until ' || CAST(t.lease_until AS text)
                || ' of ' || COALESCE(a.service_id || ' ' || a.status, 'no application'), t.application_id
            FROM timers t LEFT JOIN applications a ON a.id = t.application_id
            """)).ToArray();
        // A timer left behind names itself, and the first one's application tells its story: what its trail shows.
        Assert.True(leftTimers.Length == 0, leftTimers.Length == 0 ? "" : string.Join("\n", leftTimers.Take(20).Select(t => t.Timer))
            + "\ntrail of " + leftTimers[0].ApplicationId + ":\n" + string.Join("\n", await db.QueryAsync<string>(
                "SELECT CAST(at AS text) || ' ' || type || ' ' || COALESCE(step_id, '') || ' ' || COALESCE(data_json, '') FROM audit_events WHERE application_id = @Id ORDER BY id",
                new { Id = leftTimers[0].ApplicationId })));
        // Every application ended, so none keeps an open clock (the administrator's list of late bundles and stages would
        // show it), and the count of the clocks of applications running before they were stored is done.
        Assert.Empty(await db.QueryAsync<string>(
            """
            SELECT o.application_id || '/' || o.clock_id || ' of ' || COALESCE(a.service_id || ' ' || a.status, 'no application')
            FROM open_clocks o LEFT JOIN applications a ON a.id = o.application_id
            """));
        Assert.Equal(0, Scalar(EngineDb, "SELECT COUNT(*) FROM open_clocks_backfill"));
        Assert.True(Scalar(EngineDb, "SELECT COUNT(*) FROM audit_events WHERE type = 'DeadlineWarning' AND data_json::json->>'level' = 'red'") > 0,
            "no red card came due: the test no longer proves that timers fire once across the kills");
        Assert.True(Scalar(EngineDb, "SELECT COUNT(*) FROM audit_events WHERE type = 'Escalated'") > 0, "no escalation came due");
        Assert.Empty(await db.QueryAsync<string>(
            """
            SELECT CAST(application_id AS text) || '/' || COALESCE(step_id, '') || '/' || type || '/' || COALESCE(data_json::json->>'level', '')
                || '/' || COALESCE(data_json::json->>'limit', data_json::json->>'rule', '')
            FROM audit_events WHERE type IN ('DeadlineWarning', 'Escalated')
            GROUP BY application_id, step_id, type, data_json::json->>'level', data_json::json->>'limit', data_json::json->>'rule' HAVING COUNT(*) > 1
            """));
        foreach (var database in _departmentDatabases.Keys)
        {
            await using var notices = new NpgsqlConnection(database);
            Assert.Empty(await notices.QueryAsync<string>(
                "SELECT task_id || '/' || kind FROM department_notices WHERE kind IN ('red', 'escalated') GROUP BY task_id, kind HAVING COUNT(*) > 1"));
        }

        Assert.Empty(await db.QueryAsync<string>(
            "SELECT CAST(application_id AS text) || '/' || COALESCE(step_id, '') FROM audit_events WHERE type = 'StageOverdue' GROUP BY application_id, step_id HAVING COUNT(*) > 1"));
        // The outboxes and the broker carried everything across the kills: nothing had to be found stuck and sent again.
        Assert.Equal(0, Scalar(EngineDb, "SELECT COUNT(*) FROM audit_events WHERE type = 'StepResent'"));
    }

    /// <summary>
    /// Each step the engine dispatched has exactly one task, in the database of the hosts serving its department, and was
    /// decided there at most once: a step taken by two competing hosts, or by hosts of two databases, would show twice.
    /// </summary>
    private async Task AssertOneTaskPerStepAsync()
    {
        var tasks = new List<(string Step, string Department, string Status, string Database)>();
        foreach (var (database, codes) in _departmentDatabases)
        {
            await using var connection = new NpgsqlConnection(database);
            var rows = await connection.QueryAsync<(string Step, string Department, string Status)>(
                "SELECT CAST(application_id AS text) || '/' || step_id, department, status FROM department_tasks");
            foreach (var row in rows)
            {
                Assert.True(codes is null || codes.Contains(row.Department), $"{row.Step} of {row.Department} has a task at hosts serving only {string.Join(",", codes ?? [])}.");
                tasks.Add((row.Step, row.Department, row.Status, connection.Database));
            }
        }

        Assert.Empty(tasks.GroupBy(t => t.Step).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => $"{t.Status} in {t.Database}"))}"));
        await using var db = new NpgsqlConnection(EngineDb);
        var dispatched = (await db.QueryAsync<string>(
            "SELECT DISTINCT CAST(application_id AS text) || '/' || step_id FROM audit_events WHERE type = 'StepDispatched'")).ToHashSet();
        dispatched.ExceptWith(tasks.Select(t => t.Step));
        Assert.True(dispatched.Count == 0, $"{dispatched.Count} dispatched steps have no task, e.g. {string.Join(", ", dispatched.Take(5))}");
    }

    /// <summary>What the engine's database says, for a timeout's message.</summary>
    public string Describe()
    {
        using var connection = new NpgsqlConnection(EngineDb);
        var applications = connection.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM applications GROUP BY status");
        var steps = connection.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM steps GROUP BY status");
        return $"applications {string.Join(", ", applications.Select(a => $"{a.Status} {a.Count}"))}; steps {string.Join(", ", steps.Select(a => $"{a.Status} {a.Count}"))}; "
            + $"outbox {connection.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox")}";
    }

    public static long Scalar(string database, string sql)
    {
        using var connection = new NpgsqlConnection(database);
        return connection.ExecuteScalar<long>(sql);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in All)
        {
            await host.DisposeAsync();
        }

        await _databases.DisposeAsync();
        await _broker.DisposeAsync();
    }
}
