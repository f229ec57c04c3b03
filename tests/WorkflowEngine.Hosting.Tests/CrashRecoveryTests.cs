using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
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
            $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Error",
            // One citizen and three clerks make thousands of requests a minute here, far beyond what one person does.
            "--RateLimits:Enabled=false");
        await host.StartAsync(TimeSpan.FromMinutes(1));

        using var load = new Load(host.Address, Applications) { Probe = () => Describe(database) };
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

        // Every application answered 201 reached its end.
        var statuses = (await db.QueryAsync<(string Id, string Status)>("SELECT id, status FROM applications")).ToDictionary(r => r.Id, r => r.Status);
        foreach (var id in load.Accepted.Keys)
        {
            Assert.True(statuses.TryGetValue(id, out var status), $"Application {id} was answered 201 and is not stored.");
            Assert.True(status is "completed" or "rejected", $"Application {id} ended {status}.");
        }

        // Every decision answered 200 is the step's outcome (or the step was withdrawn because a sibling was rejected).
        var steps = (await db.QueryAsync<(string ApplicationId, string StepId, string Status)>("SELECT application_id, step_id, status FROM steps"))
            .ToDictionary(s => (s.ApplicationId, s.StepId), s => s.Status);
        foreach (var decision in load.Decisions.Values)
        {
            var status = steps[(decision.ApplicationId, decision.StepId)];
            Assert.True(
                status == decision.Outcome || (status == "cancelled" && statuses[decision.ApplicationId] == "rejected"),
                $"{decision.StepId} of {decision.ApplicationId} was answered {decision.Outcome} and is {status}.");
        }

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
        Assert.Equal(0, Scalar(database, "SELECT COUNT(*) FROM timers"));
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

    /// <summary>A decision a clerk was answered 200 for.</summary>
    private sealed record Decision(string ApplicationId, string StepId, string Outcome);

    /// <summary>
    /// Citizens and clerks over HTTP, carrying on through the host's deaths: a request the dead host never answered is
    /// neither counted nor repeated (its fate is unknown), and the work goes on once the host answers again.
    /// </summary>
    private sealed class Load(Uri address, int applications) : IDisposable
    {
        private static readonly (string Department, string Clerk)[] Desks = [("SAMR", "samr-clerk"), ("PSB", "psb-clerk"), ("BANK", "bank-clerk")];
        private readonly CancellationTokenSource _stop = new();
        private readonly HttpClient _citizen = Client(address, "zhangsan");
        private int _attempts;

        public ConcurrentDictionary<string, bool> Accepted { get; } = new();

        public ConcurrentDictionary<string, Decision> Decisions { get; } = new();

        public ConcurrentQueue<string> ServerErrors { get; } = new();

        /// <summary>What the database says, for a timeout's message.</summary>
        public Func<string>? Probe { get; init; }

        /// <summary>Enough applications were answered 201 (a request the host never answered does not count).</summary>
        public bool SubmissionsDone => Accepted.Count >= applications;

        public Task RunAsync() => Task.WhenAll(
            Enumerable.Range(0, 6).Select(_ => Task.Run(SubmitAsync))
                .Concat(Desks.Select(d => Task.Run(() => DecideAsync(d.Department, d.Clerk)))));

        public void Stop() => _stop.Cancel();

        public async Task WaitUntilAsync(Func<bool> condition, string what, HostProcess host, TimeSpan? timeout = null)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                if (clock.Elapsed > (timeout ?? TimeSpan.FromMinutes(3)))
                {
                    throw new TimeoutException(
                        $"Waited {clock.Elapsed} for {what}: {Accepted.Count} accepted, {Decisions.Count} decided, {Probe?.Invoke()}, " +
                        $"server errors: {string.Join(" | ", ServerErrors.Take(3))}{Environment.NewLine}{host.Tail()}");
                }

                await Task.Delay(100);
            }
        }

        public void Dispose()
        {
            _stop.Dispose();
            _citizen.Dispose();
        }

        private async Task SubmitAsync()
        {
            while (!_stop.IsCancellationRequested && !SubmissionsDone)
            {
                var n = Interlocked.Increment(ref _attempts);

                // Every second applicant also books a bank account, which the bank refuses for about a third of them.
                var bank = n % 2 == 0;
                var application = BusinessOpening.Application(BusinessOpening.Form(bank));
                using var body = BusinessOpening.Multipart(application);
                if (await SendAsync(() => _citizen.PostAsync("/api/applications", body, _stop.Token)) is { } response)
                {
                    using (response)
                    {
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
                            Accepted[id] = bank;
                        }
                    }
                }
            }
        }

        private async Task DecideAsync(string department, string clerk)
        {
            try
            {
                await DecideUntilStoppedAsync(department, clerk);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // The test has seen enough.
            }
        }

        private async Task DecideUntilStoppedAsync(string department, string clerk)
        {
            using var client = Client(address, clerk);
            while (!_stop.IsCancellationRequested)
            {
                using var listed = await SendAsync(() => client.GetAsync($"/api/departments/{department}/tasks?status=open&limit=50", _stop.Token));
                if (listed is not { StatusCode: HttpStatusCode.OK })
                {
                    await Pause();
                    continue;
                }

                var tasks = (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToArray();
                if (tasks.Length == 0)
                {
                    await Pause();
                    continue;
                }

                await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = _stop.Token }, async (task, _) =>
                {
                    var id = task.GetProperty("id").GetString();
                    var applicationId = task.GetProperty("applicationId").GetString()!;
                    var stepId = task.GetProperty("stepId").GetString()!;
                    using var claimed = await SendAsync(() => client.PostAsync($"/api/tasks/{id}/claim", null, _stop.Token));
                    if (claimed is not { StatusCode: HttpStatusCode.OK })
                    {
                        return;
                    }

                    var reject = department == "BANK" && applicationId.GetHashCode(StringComparison.Ordinal) % 3 == 0;
                    using var decision = reject
                        ? JsonContent.Create(new JsonObject { ["outcome"] = "rejected", ["reason"] = "法定代表人未到场核实开户意愿" })
                        : JsonContent.Create(new JsonObject { ["outcome"] = "approved" });
                    using var completed = await SendAsync(() => client.PostAsync($"/api/tasks/{id}/complete", decision, _stop.Token));
                    if (completed is { StatusCode: HttpStatusCode.OK })
                    {
                        Decisions[id!] = new Decision(applicationId, stepId, reject ? "rejected" : "approved");
                    }
                });
            }
        }

        /// <summary>The response, or null when the host died or was not up (the request's fate is unknown).</summary>
        private async Task<HttpResponseMessage?> SendAsync(Func<Task<HttpResponseMessage>> send)
        {
            try
            {
                var response = await send();
                if ((int)response.StatusCode >= 500)
                {
                    ServerErrors.Enqueue($"{(int)response.StatusCode} {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: " +
                        await response.Content.ReadAsStringAsync());
                }

                return response;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                if (!_stop.IsCancellationRequested)
                {
                    await Pause();
                }

                return null;
            }
        }

        private Task Pause() => Task.Delay(100, CancellationToken.None);

        private static HttpClient Client(Uri address, string user)
        {
            var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(15) };
            client.DefaultRequestHeaders.Add("X-Demo-User", user);
            return client;
        }
    }
}
