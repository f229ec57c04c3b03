using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkflowEngine.Contracts;
using WorkflowEngine.Hosting;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Testing;

/// <summary>
/// The all-in-one host (or a department host) started for real inside the test process: Kestrel on a free loopback port, a fresh SQLite file,
/// the in-memory bus, and a clock the test moves.
/// </summary>
public sealed class AllInOneHost : IAsyncDisposable
{
    /// <summary>Monday 2 March 2026, 09:00 in Shanghai: the start of a working day.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));

    private readonly DirectoryInfo _directory;
    private readonly bool _ownsDirectory;

    private AllInOneHost(WebApplication app, FakeTimeProvider clock, DirectoryInfo directory, bool ownsDirectory, Uri address)
    {
        App = app;
        Clock = clock;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
        Address = address;
    }

    public WebApplication App { get; }

    public FakeTimeProvider Clock { get; }

    public Uri Address { get; }

    public IServiceProvider Services => App.Services;

    public string DataDirectory => _directory.FullName;

    public static Task<AllInOneHost> StartAsync(DateTimeOffset? start = null, Action<WebApplicationBuilder>? configure = null, params string[] extraArgs) =>
        StartInAsync(null, start, configure, extraArgs);

    /// <summary>
    /// A department host instead, the same way (its own SQLite file, the in-memory bus, no engine behind it): for what it
    /// serves its own people, its desk and its user administration. <paramref name="extraArgs"/> name its
    /// <c>Departments:Codes</c>.
    /// </summary>
    public static Task<AllInOneHost> StartDepartmentHostAsync(params string[] extraArgs) =>
        StartInAsync(null, HostRole.Department, null, null, extraArgs);

    /// <summary>
    /// Starts the host on the database and files of <paramref name="directory"/> (kept when the host stops: a test starts
    /// the host again on them), or on a fresh folder of its own when null.
    /// </summary>
    public static Task<AllInOneHost> StartInAsync(DirectoryInfo? directory, DateTimeOffset? start = null, Action<WebApplicationBuilder>? configure = null, params string[] extraArgs) =>
        StartInAsync(directory, HostRole.AllInOne, start, configure, extraArgs);

    private static async Task<AllInOneHost> StartInAsync(
        DirectoryInfo? directory, HostRole role, DateTimeOffset? start, Action<WebApplicationBuilder>? configure, string[] extraArgs)
    {
        var ownsDirectory = directory is null;
        directory ??= Directory.CreateTempSubdirectory("workflow-test-");
        var clock = new FakeTimeProvider(start ?? MondayMorning);
        var app = WorkflowApp.Build(
            role,
            [
                .. HostArgs(directory),
                "--Logging:LogLevel:Microsoft.AspNetCore=Error",
                // Tests send thousands of requests as one user; the limits themselves are tested with their own args.
                "--RateLimits:Requests:TokenLimit=1000000",
                "--RateLimits:Requests:TokensPerPeriod=1000000",
                "--RateLimits:Submissions:TokenLimit=1000000",
                "--RateLimits:Submissions:TokensPerPeriod=1000000",
                .. extraArgs,
            ],
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                configure?.Invoke(builder);
            });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AllInOneHost(app, clock, directory, ownsDirectory, new Uri(address));
    }

    /// <summary>What any host started by a test runs with: Development, a free loopback port, its database and files in <paramref name="directory"/>.</summary>
    public static string[] HostArgs(DirectoryInfo directory) =>
    [
        "--environment=Development",
        "--urls=http://127.0.0.1:0",
        $"--Database:ConnectionString=Data Source={Path.Combine(directory.FullName, "workflow.db")}",
        $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}",
        $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
        "--Logging:LogLevel:Default=Warning",
    ];

    /// <summary>An HTTP client acting as a seeded demo user (or anonymous).</summary>
    public HttpClient Client(string? user = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add("X-Demo-User", user);
        }

        return client;
    }

    /// <summary>Polls until the condition holds: steps travel through the outbox and the bus, so their effects arrive a moment later.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> until, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        T last;
        while (true)
        {
            last = await probe();
            if (until(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeoutSeconds}s for {what}; last seen: {JsonSerializer.Serialize(last)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>GETs <paramref name="path"/> as <paramref name="user"/>, with <paramref name="acceptLanguage"/> where given.</summary>
    public async Task<JsonElement> GetJsonAsync(string user, string path, string? acceptLanguage = null)
    {
        using var client = Client(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>
    /// A new 企业开办 whose licence the SAMR clerk approved, the other departments' steps still running (a decided step
    /// of a bundle in progress, which the applicant may rate at once, 一事一评); returns its id.
    /// </summary>
    public async Task<Guid> LicenceApprovedAsync(string citizen = "zhangsan")
    {
        var id = await SubmitBusinessOpeningAsync(citizen);
        var task = (await TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        await EventuallyAsync(
            () => GetJsonAsync(citizen, $"/api/applications/{id}"),
            a => a.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("stepId").GetString() == "business-licence" && s.GetProperty("status").GetString() == "approved"),
            "the licence's approval");
        return id;
    }

    /// <summary>A citizen submits 企业开办 with its materials over HTTP; returns the new application's id.</summary>
    public async Task<Guid> SubmitBusinessOpeningAsync(string citizen = "zhangsan")
    {
        using var client = Client(citizen);
        using var response = await client.PostAsync("/api/applications", BusinessOpening.Multipart());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Waits for the department's task of one application (whatever else is in the queue) and returns it as the clerk's API lists it.</summary>
    public async Task<JsonElement> TaskOfAsync(Guid applicationId, string department = "SAMR", string clerk = "samr-clerk")
    {
        var tasks = await EventuallyAsync(
            () => GetJsonAsync(clerk, $"/api/departments/{department}/tasks?status=all&limit=500"),
            t => t.EnumerateArray().Any(x => x.GetProperty("applicationId").GetGuid() == applicationId),
            $"{department}'s task of application {applicationId}");
        return tasks.EnumerateArray().Single(x => x.GetProperty("applicationId").GetGuid() == applicationId);
    }

    /// <summary>
    /// One 企业开办 on Monday 2 March 2026 (or the working day <paramref name="on"/>, the clock moved there) from 09:00,
    /// decided to the end: the licence at 10:00 (due 11:00), the seal at 10:30, the bank account at 16:00 (due 14:30,
    /// late) or at <paramref name="bankAt"/>. Returns when the bundle has completed.
    /// </summary>
    public async Task<Guid> FinishBusinessOpeningAsync(DateOnly? on = null, TimeOnly? bankAt = null)
    {
        var cst = TimeSpan.FromHours(8);
        var day = on ?? new DateOnly(2026, 3, 2);
        DateTimeOffset At(TimeOnly time) => new(day.ToDateTime(time), cst);
        if (on is not null)
        {
            Clock.Advance(At(new TimeOnly(9, 0)) - Clock.GetUtcNow());
        }

        var id = await SubmitBusinessOpeningAsync();
        // Each decision reaches the engine before the shared clock moves on to the next, as it would in real time: the
        // engine's own instants (the claim, the arrival) then match the department's.
        foreach (var (department, clerk, at) in new[]
        {
            ("SAMR", "samr-clerk", At(new TimeOnly(10, 0))),
            ("PSB", "psb-clerk", At(new TimeOnly(10, 30))),
            ("BANK", "bank-clerk", At(bankAt ?? new TimeOnly(16, 0))),
        })
        {
            await DecideOnlyTaskAsync(department, clerk, at);
            await EventuallyAsync(
                () => GetJsonAsync("zhangsan", $"/api/applications/{id}"),
                a => a.GetProperty("steps").EnumerateArray().Any(s =>
                    s.GetProperty("department").GetString() == department && s.GetProperty("status").GetString() == "approved"),
                $"{department}'s decision to reach the engine");
        }

        await EventuallyAsync(
            () => GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "completed", "the bundle to complete");
        return id;
    }

    /// <summary>Waits for the department's one unclaimed task, then its clerk claims it and approves it at <paramref name="at"/>.</summary>
    public async Task DecideOnlyTaskAsync(string department, string clerk, DateTimeOffset at)
    {
        var tasks = await EventuallyAsync(
            () => GetJsonAsync(clerk, $"/api/departments/{department}/tasks?status=unclaimed"), t => t.GetArrayLength() == 1, $"{department}'s task");
        var id = tasks[0].GetProperty("id").GetString();
        using var client = Client(clerk);
        (await client.PostAsync($"/api/tasks/{id}/claim", null)).EnsureSuccessStatusCode();
        Clock.Advance(at - Clock.GetUtcNow());
        (await client.PostAsJsonAsync($"/api/tasks/{id}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Hands the SAMR side, as if it had just arrived, the engine's word that the licence step of
    /// <paramref name="applicationId"/> is now due at <paramref name="dueAt"/> (a <c>StepDueChanged</c> of a high revision),
    /// counted on <paramref name="calendarVersion"/> when given.
    /// </summary>
    public Task AnnounceLicenceDueAsync(Guid applicationId, DateTimeOffset dueAt, string? calendarVersion = null) =>
        Services.GetRequiredService<DepartmentProcessor>().ChangeDueAsync(
            new StepDueChanged
            {
                ApplicationId = applicationId,
                StepId = "business-licence",
                Attempt = 1,
                Department = "SAMR",
                Revision = 1000,
                DueAt = dueAt,
                CalendarVersion = calendarVersion,
                ChangedAt = Clock.GetUtcNow(),
            },
            Guid.NewGuid().ToString("N"),
            CancellationToken.None);

    /// <summary>
    /// Waits for the business-licence task of the one application submitted so far, and returns the step as the SAMR
    /// host received it (read back through the clerk's API).
    /// </summary>
    public async Task<ExecuteStep> ReceivedLicenceStepAsync()
    {
        var tasks = await EventuallyAsync(
            () => GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all"),
            t => t.GetArrayLength() == 1,
            "the licence task");
        var payload = (await GetJsonAsync("samr-clerk", $"/api/tasks/{tasks[0].GetProperty("id").GetString()}")).GetProperty("application");
        return payload.Deserialize<ExecuteStep>(JsonSerializerOptions.Web)!;
    }

    /// <summary>An approval of <paramref name="step"/> decided at <paramref name="completedAt"/>, as SAMR's own system (not the .NET host) reports it.</summary>
    public static StepCompleted Approval(ExecuteStep step, DateTimeOffset completedAt, bool onTime) => new()
    {
        ApplicationId = step.ApplicationId,
        StepId = step.StepId,
        Attempt = step.Attempt,
        Department = step.Department,
        Outcome = StepOutcomes.Approved,
        CompletedBy = "samr-system",
        CompletedAt = completedAt,
        DueAt = step.DueAt,
        OnTime = onTime,
    };

    /// <summary>
    /// Sends the engine a department's report (a decision, an extension) as a department system would, past the .NET department host; under
    /// <paramref name="messageId"/> when given (the same id again is a redelivery).
    /// </summary>
    public async Task SendReportAsync<TReport>(TReport report, Guid? messageId = null)
        where TReport : class
    {
        var endpoint = await Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + Queues.EngineReports));
        await endpoint.Send(report, context => context.MessageId = messageId ?? context.MessageId);
    }

    /// <summary>
    /// Sends the engine a report it must refuse (an outcome that is neither approved nor rejected), which its receiver
    /// gives up on at once and keeps as a failed message for an administrator.
    /// </summary>
    public Task SendInvalidReportAsync(Guid messageId) =>
        SendReportAsync(
            new StepCompleted
            {
                ApplicationId = Guid.NewGuid(),
                StepId = "seal-engraving",
                Attempt = 1,
                Department = "PSB",
                Outcome = "maybe",
                CompletedAt = Clock.GetUtcNow(),
                DueAt = Clock.GetUtcNow(),
                OnTime = true,
            },
            messageId);

    /// <summary>
    /// Stores a definition as published without validating it, as an older release with laxer checks would have: the
    /// way to run a definition that fails at run time and so raises an incident.
    /// </summary>
    public async Task StoreAsPublishedAsync(string id, string title, string yaml)
    {
        var store = Services.GetRequiredService<WorkflowEngine.Runtime.Definitions.IDefinitionStore>();
        var draft = await store.SaveDraftAsync(
            new WorkflowEngine.Runtime.Definitions.DefinitionRecord
            {
                Id = id,
                Version = 0,
                Status = WorkflowEngine.Runtime.Definitions.DefinitionStatuses.Draft,
                Title = title,
                Source = yaml,
                Sha256 = WorkflowEngine.Runtime.Definitions.DefinitionRegistry.Hash(yaml),
                ErrorsJson = "[]",
                CreatedAt = Clock.GetUtcNow(),
                CreatedBy = "an older release",
            },
            CancellationToken.None);
        if (!await store.PublishAsync(draft.Id, draft.Version, Clock.GetUtcNow(), "an older release", CancellationToken.None))
        {
            throw new InvalidOperationException($"{id} v{draft.Version} was not published");
        }
    }

    /// <summary>An administrator saves and publishes a definition through the API; returns the published version.</summary>
    public async Task<int> PublishAsync(string yaml)
    {
        using var admin = Client("admin");
        using var draft = await admin.PostAsync("/api/definitions", new StringContent(yaml, System.Text.Encoding.UTF8, "application/yaml"));
        var saved = await draft.Content.ReadFromJsonAsync<JsonElement>();
        if (!draft.IsSuccessStatusCode || !saved.GetProperty("valid").GetBoolean())
        {
            throw new InvalidOperationException($"Draft refused ({(int)draft.StatusCode}): {saved}");
        }

        using var published = await admin.PostAsync($"/api/definitions/{saved.GetProperty("id").GetString()}/publish", null);
        published.EnsureSuccessStatusCode();
        return (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
    }

    /// <summary>Fires every timer due on the host's clock now, as its poller would on its next round.</summary>
    public Task FireDueTimersAsync() =>
        Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<WorkflowEngine.Runtime.Timers.TimerPoller>().Single().FireDueAsync(CancellationToken.None);

    /// <summary>A single number from the host's database (a count, usually).</summary>
    public async Task<long> ScalarAsync(string sql, object? args = null)
    {
        await using var connection = await Services.GetRequiredService<WorkflowEngine.Persistence.Database>().OpenAsync(CancellationToken.None);
        return await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (!_ownsDirectory)
        {
            return;
        }

        try
        {
            _directory.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left for the OS to clean up.
        }
    }
}
