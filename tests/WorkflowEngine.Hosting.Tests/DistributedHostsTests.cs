using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The distributed deployment as an operator runs it: one engine host and two department hosts, separate processes,
/// each with a PostgreSQL database of its own, connected only by RabbitMQ. A citizen applies at the engine, clerks decide
/// at their department's host, and processes are killed on the way.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DistributedHostsTests
{
    private static readonly TimeSpan Start = TimeSpan.FromMinutes(1);

    [DistributedFact]
    public async Task EngineAndTwoDepartmentHosts_CarryAnApplicationToTheEnd_ThroughKills()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-distributed-");
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var databases = new PostgresDatabases();
        var engineDb = await databases.CreateAsync("engine");
        // The counter host's credential at the engine: the engine keeps only the token's hash.
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var engine = Host("WorkflowEngine.EngineHost", directory, "engine", engineDb, broker, $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}",
            "--ServiceAccounts:0:Name=counter", $"--ServiceAccounts:0:TokenSha256={Identity.ServiceAccount.Hash(token)}", "--ServiceAccounts:0:Departments=SAMR,PSB,BANK");
        // The clerks' departments on one host, the automated ones on another.
        await using var counter = Host("WorkflowEngine.DepartmentHost", directory, "counter", await databases.CreateAsync("counter"), broker, "--Departments:Codes=SAMR,PSB,BANK",
            $"--Departments:EngineUrl={engine.Process.Address}", $"--Departments:EngineToken={token}");
        await using var automated = Host("WorkflowEngine.DepartmentHost", directory, "automated", await databases.CreateAsync("automated"), broker, "--Departments:Codes=TAX,HRSS,HSA,HPF");
        await Task.WhenAll(engine.StartAsync(Start), counter.StartAsync(Start), automated.StartAsync(Start));
        using (var admin = Client(counter, "admin"))
        {
            // Each host says what it serves and how its dependencies are, the bus's endpoints among them.
            var health = await EventuallyAsync(
                () => admin.GetFromJsonAsync<JsonElement>("/health"), HealthyButForMissingArrangements, "the department host to be healthy", counter);
            Assert.Equal(["SAMR", "PSB", "BANK"], health.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
            Assert.Equal("postgresql", health.GetProperty("database").GetString());
            Assert.Equal(("Healthy", "Healthy"),
                (health.GetProperty("checks").GetProperty("postgresql").GetString(), health.GetProperty("checks").GetProperty("masstransit-bus").GetString()));

            // It counts its steps' working time on the engine's calendar, fetched from the engine host, not from a disk;
            // the automated host, with no EngineUrl, holds none (and leaves the working minutes out of its reports).
            using var anyone = new HttpClient { BaseAddress = engine.Process.Address };
            var version = (await anyone.GetFromJsonAsync<JsonElement>("/api/calendars/cn-mainland")).GetProperty("version").GetString();
            var held = await EventuallyAsync(
                () => admin.GetFromJsonAsync<JsonElement>("/health"), h => h.GetProperty("calendars").TryGetProperty("cn-mainland", out _), "the engine's calendar at the department host", counter, engine);
            Assert.Equal(version, held.GetProperty("calendars").GetProperty("cn-mainland").GetString());
            // While the calendar it holds lacks this year's arrangement, or from 1 December next year's, the host says
            // so (degraded, naming calendar and year): the rule is CalendarCoverage's, on the processes' real clock.
            var expected = WorkflowEngine.Calendars.CalendarCoverage.Missing([Catalog.Calendar], TimeProvider.System.GetUtcNow()).Select(m => (m.CalendarId, m.Year)).ToArray();
            var warned = await EventuallyAsync(
                () => admin.GetFromJsonAsync<JsonElement>("/health"),
                h => h.GetProperty("missingHolidayArrangements").GetArrayLength() == expected.Length, "the department host's calendar warning", counter);
            Assert.Equal(expected, warned.GetProperty("missingHolidayArrangements").EnumerateArray()
                .Select(m => (m.GetProperty("calendarId").GetString()!, m.GetProperty("year").GetInt32())));
            Assert.Equal(expected.Length == 0 ? "healthy" : "degraded", warned.GetProperty("status").GetString());
            using var automatedAdmin = Client(automated, "admin");
            Assert.Empty((await automatedAdmin.GetFromJsonAsync<JsonElement>("/health")).GetProperty("calendars").EnumerateObject());
        }

        using var citizen = Client(engine, "zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart());
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // The engine host keeps no clerk queue; the department host keeps only its own departments'.
        using (var samrAtEngine = Client(engine, "samr-clerk"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await samrAtEngine.GetAsync("/api/departments/SAMR/tasks")).StatusCode);
        }

        using (var taxAtCounter = Client(counter, "tax-clerk"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await taxAtCounter.GetAsync("/api/departments/TAX/tasks")).StatusCode);
        }

        await DecideAsync(counter, "SAMR", "samr-clerk", checkMaterial: true);
        var trail = await EventuallyAsync(
            async () => (await Client(engine, "admin").GetFromJsonAsync<JsonElement>($"/api/applications/{id}/audit")).GetProperty("entries"),
            e => e.EnumerateArray().Any(l => l.GetProperty("type").GetString() == "MaterialDownloaded"), "the download in the engine's trail", engine);
        var download = trail.EnumerateArray().Single(l => l.GetProperty("type").GetString() == "MaterialDownloaded");
        Assert.Equal(("service:counter", "samr-clerk"), (download.GetProperty("actor").GetString(), download.GetProperty("data").GetProperty("onBehalfOf").GetString()));
        // The department host keeps its own access log, a hash chain in its own database: the SAMR supervisor reads who
        // opened the task and downloaded the material there (the store suite shows a department sees only its own lines);
        // a clerk may not, and only an administrator checks the chain.
        using (var supervisor = Client(counter, "samr-supervisor"))
        {
            var lines = await supervisor.GetFromJsonAsync<JsonElement>($"/api/access-log?application={id}");
            Assert.Contains(lines.EnumerateArray(), l => (l.GetProperty("what").GetString(), l.GetProperty("actor").GetString()) == ("TaskViewed", "samr-clerk"));
            var downloaded = lines.EnumerateArray().First(l => l.GetProperty("what").GetString() == "MaterialDownloaded");
            Assert.Equal(("samr-clerk", "SAMR"), (downloaded.GetProperty("actor").GetString(), downloaded.GetProperty("detail").GetProperty("department").GetString()));
            Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/api/access-log/verification")).StatusCode);
            await RefusesHostileAccessLogQueriesAsync(supervisor, id!);
        }

        using (var clerk = Client(counter, "samr-clerk"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/access-log")).StatusCode);
        }

        using (var admin = Client(counter, "admin"))
        {
            var chain = await admin.GetFromJsonAsync<JsonElement>("/api/access-log/verification");
            Assert.True(chain.GetProperty("verified").GetBoolean());
            Assert.True(chain.GetProperty("lines").GetInt64() >= 2);
        }

        using (var stranger = new HttpClient { BaseAddress = engine.Process.Address })
        {
            stranger.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token + "0");
            Assert.Equal(HttpStatusCode.Unauthorized, (await stranger.GetAsync($"/api/applications/{id}")).StatusCode);
        }

        // Killed with the next steps on their way: the department host that holds the clerks' tasks, then the engine.
        await counter.KillAsync();
        await counter.StartAsync(Start);
        await DecideAsync(counter, "PSB", "psb-clerk");
        await engine.KillAsync();
        await engine.StartAsync(Start);
        await DecideAsync(counter, "BANK", "bank-clerk");

        var application = await EventuallyAsync(
            () => citizen.GetFromJsonAsync<JsonElement>($"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "completed",
            "the application to finish", engine, counter, automated);
        Assert.Equal(7, application.GetProperty("certificates").GetArrayLength());
        Assert.All(application.GetProperty("steps").EnumerateArray(), s => Assert.Equal("approved", s.GetProperty("status").GetString()));

        // Each host wrote only its side: the engine no tasks; a department host's database has no applications table at all.
        Assert.Equal(0, await PostgresDatabases.ScalarAsync(engineDb, "SELECT COUNT(*) FROM department_tasks"));
        Assert.Equal(3, await PostgresDatabases.ScalarAsync(counter.Data, "SELECT COUNT(*) FROM department_tasks"));
        Assert.Equal(4, await PostgresDatabases.ScalarAsync(automated.Data, "SELECT COUNT(*) FROM department_tasks"));
        Assert.Equal(0, await PostgresDatabases.ScalarAsync(counter.Data, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'applications'"));
        // Nothing twice, whatever was sent again after the kills.
        Assert.Equal(0, await PostgresDatabases.ScalarAsync(engineDb,
            """
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_events WHERE type IN ('StepDispatched', 'StepReceived', 'StepClaimed', 'StepApproved', 'ApplicationCompleted')
            GROUP BY application_id, step_id, type HAVING COUNT(*) > 1) twice
            """));
        await EventuallyAsync(async () => await PostgresDatabases.ScalarAsync(engineDb, "SELECT COUNT(*) FROM outbox"), n => n == 0, "the engine's outbox to empty", engine);
    }

    /// <summary>
    /// Found in CI: engine processes starting together on an empty database each seeded the shipped definitions, and
    /// all but the first died at start on a duplicate key. Start-up work now queues on a database lock.
    /// </summary>
    [DistributedFact]
    public async Task ThreeEngineProcesses_StartingTogetherOnAnEmptyDatabase_AllStart()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-start-");
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var databases = new PostgresDatabases();
        var engineDb = await databases.CreateAsync("start");
        var blobs = $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}";
        await using var a = Host("WorkflowEngine.EngineHost", directory, "engine-a", engineDb, broker, blobs);
        await using var b = Host("WorkflowEngine.EngineHost", directory, "engine-b", engineDb, broker, blobs);
        await using var c = Host("WorkflowEngine.EngineHost", directory, "engine-c", engineDb, broker, blobs);

        await Task.WhenAll(a.StartAsync(Start), b.StartAsync(Start), c.StartAsync(Start));

        // The shipped services, published once each.
        Assert.Equal(3, await PostgresDatabases.ScalarAsync(engineDb, "SELECT COUNT(*) FROM definitions WHERE status = 'published'"));
    }

    [DistributedFact]
    public async Task TwoEngineProcessesOnOneDatabase_ApplyEveryReportOnce()
    {
        const int Applications = 16;
        var directory = Directory.CreateTempSubdirectory("workflow-engines-");
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var databases = new PostgresDatabases();
        var engineDb = await databases.CreateAsync("engines");
        var blobs = $"--Engine:BlobPath={Path.Combine(directory.FullName, "blobs")}";
        await using var first = Host("WorkflowEngine.EngineHost", directory, "engine-1", engineDb, broker, blobs, "--RateLimits:Enabled=false");
        await using var second = Host("WorkflowEngine.EngineHost", directory, "engine-2", engineDb, broker, blobs, "--RateLimits:Enabled=false");
        await using var departments = Host("WorkflowEngine.DepartmentHost", directory, "departments", await databases.CreateAsync("departments"), broker, "--Departments:Codes=*");
        await Task.WhenAll(first.StartAsync(Start), second.StartAsync(Start), departments.StartAsync(Start));

        // Citizens reach either engine process (a load balancer in front of both); the reports reach either as well.
        var ids = new List<string>();
        for (var i = 0; i < Applications; i++)
        {
            using var citizen = Client(i % 2 == 0 ? first : second, "zhangsan");
            using var submitted = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart());
            Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
            ids.Add((await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!);
        }

        foreach (var (department, clerk) in new[] { ("SAMR", "samr-clerk"), ("PSB", "psb-clerk"), ("BANK", "bank-clerk") })
        {
            await DecideAllAsync(departments, department, clerk, Applications);
        }

        await EventuallyAsync(
            () => PostgresDatabases.ScalarAsync(engineDb, "SELECT COUNT(*) FROM applications WHERE status = 'completed'"), n => n == Applications,
            "every application to finish", first, second, departments);
        Assert.Equal(0, await PostgresDatabases.ScalarAsync(engineDb,
            """
            SELECT COUNT(*) FROM (SELECT 1 FROM audit_events
            WHERE type IN ('StepDispatched', 'StepReceived', 'StepClaimed', 'StepApproved', 'ApplicationCompleted')
            GROUP BY application_id, step_id, type HAVING COUNT(*) > 1) twice
            """));
        Assert.Equal(Applications * 7, await PostgresDatabases.ScalarAsync(engineDb, "SELECT COUNT(*) FROM certificates"));
        Assert.Equal(Applications * 7, await PostgresDatabases.ScalarAsync(departments.Data, "SELECT COUNT(*) FROM department_tasks"));
    }

    private static async Task DecideAllAsync(NamedHost host, string department, string clerk, int count)
    {
        using var client = Client(host, clerk);
        var decided = 0;
        await EventuallyAsync(
            async () =>
            {
                foreach (var task in (await client.GetFromJsonAsync<JsonElement>($"/api/departments/{department}/tasks?status=unclaimed&limit=100")).EnumerateArray())
                {
                    var taskId = task.GetProperty("id").GetString();
                    (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
                    (await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
                    decided++;
                }

                return decided;
            },
            n => n == count,
            $"every {department} task decided",
            host);
    }

    private static NamedHost Host(string project, DirectoryInfo directory, string name, string database, RabbitMqBroker broker, params string[] args) =>
        new(HostProcess.For(
            project,
            Path.Combine(directory.FullName, name + ".log"),
            [
                "--environment=Development",
                "--Database:Provider=postgresql",
                $"--Database:ConnectionString={database}",
                $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
                "--Logging:LogLevel:Default=Warning",
                .. broker.HostArgs,
                .. args,
            ]), database);

    private static async Task DecideAsync(NamedHost host, string department, string clerk, bool checkMaterial = false)
    {
        using var client = Client(host, clerk);
        var task = (await EventuallyAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/api/departments/{department}/tasks"), t => t.GetArrayLength() == 1, $"the {department} task", host))[0];
        var taskId = task.GetProperty("id").GetString();
        // The whole application on one page, from the department host's own copy of the form.
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/tasks/{taskId}");
        Assert.Equal("福州闽江数字科技有限公司", page.GetProperty("application").GetProperty("form").GetProperty("companyName").GetString());
        // The clerk's page on the department host, which has no definitions: the form by the labels the step carried.
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/desk/tasks/{taskId}"));
        Assert.Contains("<th scope=\"row\">注册资本（元）</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">registeredCapital<", html, StringComparison.Ordinal);
        var material = page.GetProperty("application").GetProperty("materials").EnumerateArray().First(m => m.GetProperty("download").ValueKind == JsonValueKind.String);
        var link = material.GetProperty("download").GetString()!;
        if (checkMaterial)
        {
            // Through this host, fetched from the engine with the host's credential, once the clerk holds the task.
            Assert.StartsWith($"/api/tasks/{taskId}/materials/", link, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(link)).StatusCode);
        }

        (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        if (checkMaterial)
        {
            using var file = await client.GetAsync(link);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/pdf", file.Content.Headers.ContentType?.MediaType);
            Assert.Equal(BusinessOpening.Pdf, await file.Content.ReadAsByteArrayAsync());
            await RefusesHostileMaterialRequestsAsync(host, client, taskId!, link);
        }

        (await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
    }

    /// <summary>
    /// The access log's query is an application id and a page: anything that is not one (a path, a NUL, a Unicode
    /// trick, an integer past 32 bits) is a 400 with problem details, never a 5xx; so is a page out of range (limit 1 to
    /// 500, offset 0 or more), which names its field rather than being brought quietly into range.
    /// </summary>
    private static async Task RefusesHostileAccessLogQueriesAsync(HttpClient supervisor, string id)
    {
        string[] queries =
        [
            "application=..%2F..%2Fetc%2Fpasswd",
            "application=%00",
            $"application={id}%E2%80%AE",
            $"application={id}&application={Guid.NewGuid()}",
            "limit=abc",
            "limit=2147483648",
            "offset=1e9",
            $"application={new string('f', 20_000)}",
        ];
        foreach (var query in queries)
        {
            using var response = await supervisor.GetAsync("/api/access-log?" + query);
            Assert.True(
                response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong,
                $"{query[..Math.Min(query.Length, 80)]} answered {(int)response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }

        var first = await supervisor.GetFromJsonAsync<JsonElement>($"/api/access-log?application={id}&limit=1");
        Assert.Single(first.EnumerateArray());
        using var outOfRange = await supervisor.GetAsync($"/api/access-log?application={id}&limit=0&offset=-7");
        var problem = await ProblemAssert.IsAsync(outOfRange, HttpStatusCode.BadRequest);
        Assert.Equal(["limit", "offset"], problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        var all = await supervisor.GetFromJsonAsync<JsonElement>($"/api/access-log?application={id}&limit=500");
        Assert.InRange(all.GetArrayLength(), 2, 500);
    }

    /// <summary>
    /// The material download is the one endpoint of a department host that reaches the engine with the host's own
    /// credential: paths written to break out of the task's own materials, Unicode tricks and oversized keys are each
    /// refused by the department host itself, never with a 5xx, and none reaches the engine (the test then finds one
    /// download, the clerk's, in the engine's trail).
    /// </summary>
    private static async Task RefusesHostileMaterialRequestsAsync(NamedHost host, HttpClient clerk, string taskId, string link)
    {
        // Dot segments ("..", "%2e%2e") are not here: HttpClient, like Kestrel, removes them before the request is routed.
        string[] paths =
        [
            $"/api/tasks/{taskId}/materials/..%2F..%2F..%2Fapplications",
            $"/api/tasks/{taskId}/materials/articles%00",
            $"/api/tasks/{taskId}/materials/%E2%80%AEselcitra",
            $"/api/tasks/{taskId}/materials/%ED%A0%80",
            $"/api/tasks/{taskId}/materials/%C0%AF",
            $"/api/tasks/{taskId}/materials/{new string('k', 6000)}",
            $"/api/tasks/{taskId}/materials/{new string('k', 20_000)}",
            $"/api/tasks/{taskId}/materials/%2Fapi%2Fapplications%2F",
            $"/api/tasks/{taskId}x/materials/articles",
            $"/api/tasks/{Guid.NewGuid()}/materials/articles",
            link + "%2F..%2F..",
        ];
        foreach (var path in paths)
        {
            using var response = await clerk.GetAsync(path);
            Assert.True(
                response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest or HttpStatusCode.RequestUriTooLong,
                $"{path[..Math.Min(path.Length, 80)]} answered {(int)response.StatusCode}");
        }

        // Someone not signed in, and a clerk of another department, learn nothing about the task.
        using (var anonymous = new HttpClient { BaseAddress = host.Process.Address })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(link)).StatusCode);
        }

        using (var other = Client(host, "psb-clerk"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(link)).StatusCode);
        }

        using var health = await clerk.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    private static HttpClient Client(NamedHost host, string user)
    {
        var client = new HttpClient { BaseAddress = host.Process.Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Demo-User", user);
        return client;
    }

    /// <summary>
    /// Healthy, or degraded only because a calendar lacks a year's holiday arrangement (from 1 December, next year's):
    /// the shipped calendar stops at the last year published when it was shipped, and these hosts run on the real clock.
    /// </summary>
    private static bool HealthyButForMissingArrangements(JsonElement health) =>
        health.GetProperty("status").GetString() == "healthy"
        || (health.GetProperty("status").GetString() == "degraded"
            && health.GetProperty("missingHolidayArrangements").GetArrayLength() > 0
            && health.GetProperty("failedMessages").GetInt32() == 0
            && health.GetProperty("checks").EnumerateObject().All(c => c.Value.GetString() == "Healthy"));

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, params NamedHost[] hosts)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var last = default(T);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await read();
                if (done(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // A host between kill and start.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException(
            $"Waited 60s for {what}; last seen: {last}{Environment.NewLine}"
            + string.Join(Environment.NewLine, hosts.Select(h => $"--- {h.Process.Address}:{Environment.NewLine}{h.Process.Tail(30)}")));
    }

    /// <summary>A host process and its database.</summary>
    private sealed record NamedHost(HostProcess Process, string Data) : IAsyncDisposable
    {
        public Task StartAsync(TimeSpan timeout) => Process.StartAsync(timeout);

        public Task KillAsync() => Process.KillAsync();

        public ValueTask DisposeAsync() => Process.DisposeAsync();
    }
}
