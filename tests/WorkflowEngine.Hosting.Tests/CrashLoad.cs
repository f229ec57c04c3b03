using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>A decision a clerk was answered 200 for.</summary>
public sealed record Decision(string ApplicationId, string StepId, string Outcome);

/// <summary>
/// Citizens and clerks over HTTP, carrying on through the host's deaths: a request the dead host never answered is
/// neither counted nor repeated (its fate is unknown), and the work goes on once the host answers again. A
/// department's clerks work at the hosts <c>desks</c> gives for it, taking them in turn when there are several (a load
/// balancer in front of department hosts sharing a database): a task listed and claimed at one is completed at the next.
/// </summary>
public sealed class CrashLoad(Uri[] citizens, Func<string, Uri[]> desks, int applications) : IDisposable
{
    private static readonly (string Department, string Clerk)[] BusinessOpeningDesks = [("SAMR", "samr-clerk"), ("PSB", "psb-clerk"), ("BANK", "bank-clerk")];

    private static readonly (string Department, string Clerk)[] JointAcceptanceDesks =
        [("NRP", "nrp-clerk"), ("HUD", "hud-clerk"), ("CAD", "cad-clerk"), ("ARCH", "arch-clerk"), ("QSS", "qss-clerk"), ("REG", "reg-clerk")];
    private readonly CancellationTokenSource _stop = new();
    /// <summary>One client per engine process, taken in turn: a load balancer in front of several.</summary>
    private readonly HttpClient[] _citizens = citizens.Select(c => Client(c, "zhangsan")).ToArray();
    private int _attempts;

    /// <summary>Clerks of every department at one host.</summary>
    public CrashLoad(Uri[] citizens, Uri clerks, int applications)
        : this(citizens, _ => [clerks], applications)
    {
    }

    public ConcurrentDictionary<string, bool> Accepted { get; } = new();

    public ConcurrentDictionary<string, Decision> Decisions { get; } = new();

    public ConcurrentQueue<string> ServerErrors { get; } = new();

    /// <summary>
    /// Every n-th submission is a 联合验收 + 不动产登记 application instead of 企业开办 (half of them with a civil air
    /// defence acceptance), and its six departments' clerks decide too; 0 for 企业开办 only.
    /// </summary>
    public int JointAcceptanceEvery { get; init; }

    /// <summary>
    /// Clerks open a material of every third task they claim before deciding it, through the department host, which
    /// fetches it from the engine host: a 502 while the engine is down is what a clerk then sees, any other 5xx is an error.
    /// </summary>
    public bool DownloadMaterials { get; init; }

    private int _materialDownloads;

    /// <summary>How many materials the clerks downloaded (answered 200).</summary>
    public int MaterialDownloads => Volatile.Read(ref _materialDownloads);

    private (string Department, string Clerk)[] Desks =>
        JointAcceptanceEvery > 0 ? [.. BusinessOpeningDesks, .. JointAcceptanceDesks] : BusinessOpeningDesks;

    /// <summary>
    /// When set, the SAMR clerks leave the first <see cref="HeldBack"/> 企业开办 tasks they list undecided until this says
    /// the deadline timers the test is after came due (asked at most once a second), or three minutes passed: so those
    /// timers come due however fast the machine decides the rest, and the test proves they fired once across the kills.
    /// </summary>
    public Func<bool>? HoldUntil { get; init; }

    /// <summary>How many tasks <see cref="HoldUntil"/> holds back.</summary>
    public const int HeldBack = 3;

    private readonly HashSet<string> _held = [];
    private readonly Stopwatch _holding = Stopwatch.StartNew();
    private long _holdAskedAt = -1000;
    private volatile bool _released;

    /// <summary>What the database says, for a timeout's message.</summary>
    public Func<string>? Probe { get; init; }

    /// <summary>How many applications are to be answered 201.</summary>
    public int Applications => applications;

    /// <summary>Enough applications were answered 201 (a request the host never answered does not count).</summary>
    public bool SubmissionsDone => Accepted.Count >= applications;

    public Task RunAsync() => Task.WhenAll(
        Enumerable.Range(0, 6).Select(_ => Task.Run(SubmitAsync))
            .Concat(Desks.Select(d => Task.Run(() => DecideAsync(d.Department, d.Clerk)))));

    public void Stop() => _stop.Cancel();

    public async Task WaitUntilAsync(Func<bool> condition, string what, HostProcess host, TimeSpan? timeout = null, params HostProcess[] others)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > (timeout ?? TimeSpan.FromMinutes(3)))
            {
                throw new TimeoutException(
                    $"Waited {clock.Elapsed} for {what}: {Accepted.Count} accepted, {Decisions.Count} decided, {Probe?.Invoke()}, " +
                    $"server errors: {string.Join(" | ", ServerErrors.Take(3))}{Environment.NewLine}{host.Tail()}"
                    + string.Concat(others.Select(o => Environment.NewLine + "---" + Environment.NewLine + o.Tail())));
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        foreach (var citizen in _citizens)
        {
            citizen.Dispose();
        }
    }

    private async Task SubmitAsync()
    {
        while (!_stop.IsCancellationRequested && !SubmissionsDone)
        {
            var n = Interlocked.Increment(ref _attempts);

            // Every second applicant also books a bank account, which the bank refuses for about a third of them.
            var bank = n % 2 == 0;
            using var body = JointAcceptanceEvery > 0 && n % JointAcceptanceEvery == 0
                ? JointAcceptance.Multipart(civilAirDefence: n % (2 * JointAcceptanceEvery) == 0)
                : BusinessOpening.Multipart(BusinessOpening.Application(BusinessOpening.Form(bank)));
            var citizen = _citizens[n % _citizens.Length];
            if (await SendAsync(() => citizen.PostAsync("/api/applications", body, _stop.Token)) is { } response)
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
        var clients = desks(department).Select(d => Client(d, clerk)).ToArray();
        try
        {
            await DecideAtAsync(department, clients);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    private async Task DecideAtAsync(string department, HttpClient[] clients)
    {
        var turn = 0;
        while (!_stop.IsCancellationRequested)
        {
            var client = clients[turn++ % clients.Length];
            var next = clients[turn % clients.Length];
            using var listed = await SendAsync(() => client.GetAsync($"/api/departments/{department}/tasks?status=open&limit=50", _stop.Token));
            if (listed is not { StatusCode: HttpStatusCode.OK })
            {
                await Pause();
                continue;
            }

            var tasks = (await listed.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().ToArray();
            if (tasks.Length == 0 || tasks.All(t => Held(department, t.GetProperty("applicationId").GetString()!)))
            {
                await Pause();
                continue;
            }

            await Parallel.ForEachAsync(tasks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = _stop.Token }, async (task, _) =>
            {
                var id = task.GetProperty("id").GetString();
                var applicationId = task.GetProperty("applicationId").GetString()!;
                var stepId = task.GetProperty("stepId").GetString()!;
                if (Held(department, applicationId))
                {
                    return;
                }

                using var claimed = await SendAsync(() => client.PostAsync($"/api/tasks/{id}/claim", null, _stop.Token));
                if (claimed is not { StatusCode: HttpStatusCode.OK })
                {
                    return;
                }

                if (DownloadMaterials && applicationId.GetHashCode(StringComparison.Ordinal) % 3 == 0)
                {
                    await DownloadMaterialAsync(client, id!);
                }

                var reject = department == "BANK" && applicationId.GetHashCode(StringComparison.Ordinal) % 3 == 0;
                using var decision = reject
                    ? JsonContent.Create(new JsonObject { ["outcome"] = "rejected", ["reason"] = "法定代表人未到场核实开户意愿" })
                    : JsonContent.Create(new JsonObject { ["outcome"] = "approved" });
                using var completed = await SendAsync(() => next.PostAsync($"/api/tasks/{id}/complete", decision, _stop.Token));
                if (completed is { StatusCode: HttpStatusCode.OK })
                {
                    Decisions[id!] = new Decision(applicationId, stepId, reject ? "rejected" : "approved");
                }
            });
        }
    }

    /// <summary>Whether the clerks leave this task undecided for now (<see cref="HoldUntil"/>).</summary>
    private bool Held(string department, string applicationId)
    {
        if (HoldUntil is null || _released || department != "SAMR")
        {
            return false;
        }

        lock (_held)
        {
            if (!_held.Contains(applicationId) && (_held.Count >= HeldBack || !_held.Add(applicationId)))
            {
                return false;
            }
        }

        var now = _holding.ElapsedMilliseconds;
        var asked = Interlocked.Read(ref _holdAskedAt);
        if (now - asked >= 1000 && Interlocked.CompareExchange(ref _holdAskedAt, now, asked) == asked)
        {
            _released = _holding.Elapsed > TimeSpan.FromMinutes(3) || HoldUntil();
        }

        return !_released;
    }

    /// <summary>Opens the task and downloads its first material a clerk may download, if it has one.</summary>
    private async Task DownloadMaterialAsync(HttpClient client, string taskId)
    {
        using var page = await SendAsync(() => client.GetAsync($"/api/tasks/{taskId}", _stop.Token));
        if (page is not { StatusCode: HttpStatusCode.OK })
        {
            return;
        }

        var link = (await page.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("application").GetProperty("materials").EnumerateArray()
            .Select(m => m.GetProperty("download")).Where(d => d.ValueKind == JsonValueKind.String).Select(d => d.GetString()).FirstOrDefault();
        if (link is null)
        {
            return;
        }

        try
        {
            using var file = await client.GetAsync(link, _stop.Token);
            if (file.StatusCode == HttpStatusCode.OK)
            {
                await file.Content.ReadAsByteArrayAsync();
                Interlocked.Increment(ref _materialDownloads);
            }
            else if ((int)file.StatusCode >= 500 && file.StatusCode != HttpStatusCode.BadGateway)
            {
                ServerErrors.Enqueue($"{(int)file.StatusCode} GET {link}: {await file.Content.ReadAsStringAsync()}");
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
        {
            // The department host died meanwhile.
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

    /// <summary>
    /// Every application answered 201 is stored and ended; every decision answered 200 is its step's outcome (or the
    /// step was withdrawn because a sibling was rejected). <paramref name="statuses"/> by application id,
    /// <paramref name="steps"/> by (application id, step id), as the engine's database holds them.
    /// </summary>
    public void AssertNothingLost(IReadOnlyDictionary<string, string> statuses, IReadOnlyDictionary<(string ApplicationId, string StepId), string> steps)
    {
        foreach (var id in Accepted.Keys)
        {
            Assert.True(statuses.TryGetValue(id, out var status), $"Application {id} was answered 201 and is not stored.");
            Assert.True(status is "completed" or "rejected", $"Application {id} ended {status}.");
        }

        foreach (var decision in Decisions.Values)
        {
            var status = steps[(decision.ApplicationId, decision.StepId)];
            Assert.True(
                status == decision.Outcome || (status == "cancelled" && statuses[decision.ApplicationId] == "rejected"),
                $"{decision.StepId} of {decision.ApplicationId} was answered {decision.Outcome} and is {status}.");
        }
    }
}
