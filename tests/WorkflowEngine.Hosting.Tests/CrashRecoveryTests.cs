using Dapper;
using Microsoft.Data.Sqlite;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// "Nothing lost, nothing twice", tried the way an operator's bad day would: the all-in-one host runs as a real
/// process on a database file, citizens submit 企业开办 and clerks decide over HTTP, and the process is killed with
/// SIGKILL three times under load — while applications are coming in, while decisions are, and right after a decision
/// was answered. After each kill the host starts again on the same file. In the end every application that was
/// answered 201 has finished, every decision answered 200 is the step's outcome, and no effect happened twice.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CrashRecoveryTests
{
    private const int Applications = 1200;

    [Fact]
    public async Task SigkillUnderLoad_ThreeTimes_LosesNothingAndRepeatsNothing()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-crash-");
        var database = Path.Combine(directory.FullName, "crash.db");
        await using var host = HostProcess.For(
            "WorkflowEngine.AllInOne",
            Path.Combine(directory.FullName, "host.log"),
            "--environment=Development",
            $"--Database:ConnectionString=Data Source={database}",
            $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}",
            // A Monday morning, with 企业开办's steps limited to 4 working seconds: the cards and escalation of those waiting
            // out a restart come due across the kills.
            $"--Engine:DefinitionsPath={CrashDefinitions.WithShortLimits(directory, seconds: 4)}",
            CrashDefinitions.ClockOffsetArgument(),
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Error",
            // One citizen and three clerks make thousands of requests a minute here, far beyond what one person does.
            "--RateLimits:Enabled=false");
        await host.StartAsync(TimeSpan.FromMinutes(1));

        using var load = new CrashLoad([host.Address], host.Address, Applications) { Probe = () => Describe(database) };
        var running = load.RunAsync();
        try
        {
            // 1. While applications are coming in.
            await load.WaitUntilAsync(() => load.Accepted.Count >= Applications / 4, "a quarter of the applications", host);
            await RestartAsync(host);

            // 2. While clerks are deciding.
            await load.WaitUntilAsync(() => load.Decisions.Count >= Applications / 2, "decisions in full swing", host);
            await RestartAsync(host);

            // 3. Right after a decision was answered: its report is at best on its way to the engine.
            await load.WaitUntilAsync(() => load.SubmissionsDone && load.Decisions.Count >= Applications, "most decisions", host);
            var decided = load.Decisions.Count;
            await load.WaitUntilAsync(() => load.Decisions.Count > decided, "one more decision", host);
            await RestartAsync(host);

            // Every stored application, also those whose 201 the dead host never sent.
            await load.WaitUntilAsync(
                () => load.SubmissionsDone && Scalar(database, "SELECT COUNT(*) FROM applications WHERE status NOT IN ('completed', 'rejected')") == 0,
                "every application to finish",
                host,
                TimeSpan.FromMinutes(4));
            await load.WaitUntilAsync(() => Scalar(database, "SELECT COUNT(*) FROM outbox") == 0, "the outbox to empty", host);
        }
        finally
        {
            load.Stop();
            await running;
            await host.KillAsync();
        }

        Assert.Equal(4, host.Starts);
        Assert.Empty(load.ServerErrors);
        await using var db = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await db.OpenAsync();
        var statuses = (await db.QueryAsync<(string Id, string Status)>("SELECT id, status FROM applications")).ToDictionary(r => r.Id, r => r.Status);
        var steps = (await db.QueryAsync<(string ApplicationId, string StepId, string Status)>("SELECT application_id, step_id, status FROM steps"))
            .ToDictionary(s => (s.ApplicationId, s.StepId), s => s.Status);
        load.AssertNothingLost(statuses, steps);

        // No effect twice.
        Assert.Empty(await db.QueryAsync<string>("SELECT application_id || '/' || step_id FROM department_tasks GROUP BY application_id, step_id HAVING COUNT(*) > 1"));
        Assert.Empty(await db.QueryAsync<string>(
            """
            SELECT application_id || '/' || COALESCE(step_id, '') || '/' || type FROM audit_events
            WHERE type IN ('ApplicationSubmitted', 'ApplicationAccepted', 'ApplicationCompleted', 'ApplicationRejected', 'StepDispatched',
                'StepReceived', 'StepClaimed', 'StepApproved', 'StepRejected', 'StepCancelled')
            GROUP BY application_id, step_id, type HAVING COUNT(*) > 1
            """));
        Assert.Empty(await db.QueryAsync<string>("SELECT application_id || '/' || name FROM certificates GROUP BY application_id, name HAVING COUNT(*) > 1"));
        Assert.Empty(await db.QueryAsync<string>("SELECT application_id || '/' || kind FROM notifications GROUP BY application_id, kind HAVING COUNT(*) > 1"));
        // No timer is left, timers came due across the kills, and each card and escalation was given once: at the engine
        // and in the supervisors' notices.
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM timers"));
        Assert.True(Scalar(database, "SELECT COUNT(*) FROM audit_events WHERE type = 'DeadlineWarning' AND json_extract(data_json, '$.level') = 'red'") > 0,
            "no red card came due: the test no longer proves that timers fire once across the kills");
        Assert.True(Scalar(database, "SELECT COUNT(*) FROM audit_events WHERE type = 'Escalated'") > 0, "no escalation came due");
        Assert.Empty(await db.QueryAsync<string>(
            """
            SELECT application_id || '/' || COALESCE(step_id, '') || '/' || type FROM audit_events WHERE type IN ('DeadlineWarning', 'Escalated')
            GROUP BY application_id, step_id, type, json_extract(data_json, '$.level'), json_extract(data_json, '$.limit'), json_extract(data_json, '$.rule')
            HAVING COUNT(*) > 1
            """));
        Assert.Empty(await db.QueryAsync<string>(
            "SELECT task_id || '/' || kind FROM department_notices WHERE kind IN ('red', 'escalated') GROUP BY task_id, kind HAVING COUNT(*) > 1"));
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM incidents"));
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM failed_messages"));
        // The outbox alone carried everything across the kills: nothing had to be found stuck and sent again.
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM audit_events WHERE type = 'StepResent'"));

        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS.
        }
    }

    private static async Task RestartAsync(HostProcess host)
    {
        await host.KillAsync();
        await host.StartAsync(TimeSpan.FromMinutes(1));
    }

    private static string Describe(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        var applications = connection.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM applications GROUP BY status");
        var steps = connection.Query<(string Status, long Count)>("SELECT status, COUNT(*) FROM steps GROUP BY status");
        return $"applications {string.Join(", ", applications.Select(a => $"{a.Status} {a.Count}"))}; steps {string.Join(", ", steps.Select(a => $"{a.Status} {a.Count}"))}; "
            + $"outbox {connection.ExecuteScalar<long>("SELECT COUNT(*) FROM outbox")}";
    }

    private static long Scalar(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        return connection.ExecuteScalar<long>(sql);
    }
}
