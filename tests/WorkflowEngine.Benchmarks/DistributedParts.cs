using System.Globalization;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// What the distributed run adds around the engine host: a database for it and one for each department host, a
/// RabbitMQ virtual host, the department hosts as processes of their own (one serving every department, or several
/// sharing them) and, with <c>--engine-process</c>, the engine host as a process of its own too (<see cref="EngineHostPart"/>).
/// </summary>
internal sealed class DistributedParts : IAsyncDisposable
{
    /// <summary>企业开办's departments first, so that several department hosts share a bundle's steps.</summary>
    private static readonly string[] BusinessOpeningDepartments = ["SAMR", "PSB", "TAX", "HRSS", "HSA", "HPF", "BANK"];

    private readonly PostgresDatabases _databases;
    private readonly RabbitMqBroker _broker;
    private readonly HostProcess[] _departments;

    private readonly (string Label, string ConnectionString)[] _connectionStrings;

    private DistributedParts(
        PostgresDatabases databases, RabbitMqBroker broker, HostProcess[] departments, string[] engineArgs, string engineDatabase,
        EngineHostPart? engine, (string Label, string ConnectionString)[] connectionStrings)
    {
        _databases = databases;
        _broker = broker;
        _departments = departments;
        EngineArgs = engineArgs;
        EngineDatabase = engineDatabase;
        Engine = engine;
        _connectionStrings = connectionStrings;
    }

    /// <summary>The engine host's settings for its database and the broker (in this process, or given to its process).</summary>
    public string[] EngineArgs { get; }

    public string EngineDatabase { get; }

    /// <summary>The engine host as a process of its own; null when it runs in this process.</summary>
    public EngineHostPart? Engine { get; }

    /// <summary>What the department hosts serve, one line each, for the run's report.</summary>
    public IReadOnlyList<string> DepartmentCodes { get; private init; } = [];

    /// <summary>The parts, the hosts given the run's host settings as well (<see cref="BenchOptions.HostArgs"/>, e.g. <c>--Engine:RelayWindow=1</c>).</summary>
    public static async Task<DistributedParts> StartAsync(DirectoryInfo directory, BenchOptions options)
    {
        if (!PostgresDatabases.IsConfigured || !RabbitMqBroker.IsConfigured)
        {
            throw new InvalidOperationException(
                "--distributed needs WFE_TEST_POSTGRES and WFE_TEST_RABBITMQ: start the servers with .ci/postgres.sh and .ci/rabbitmq.sh and source their env files.");
        }

        RefuseStaleHost("WorkflowEngine.DepartmentHost");
        if (options.EngineProcess)
        {
            RefuseStaleHost("WorkflowEngine.EngineHost");
        }

        var databases = new PostgresDatabases();
        var broker = await RabbitMqBroker.CreateAsync();
        var engineDatabase = await databases.CreateAsync("bench_engine");
        string[] engineArgs =
        [
            "--Database:Provider=postgresql",
            $"--Database:ConnectionString={engineDatabase}",
            .. broker.HostArgs,
        ];
        var engine = options.EngineProcess ? EngineHostPart.For(directory, [.. engineArgs, .. options.HostArgs]) : null;
        var codes = Split(options.DepartmentHosts);
        var departments = new HostProcess[codes.Length];
        var connectionStrings = new List<(string Label, string ConnectionString)> { ("engine", engineDatabase) };
        for (var i = 0; i < codes.Length; i++)
        {
            var name = codes.Length == 1 ? "department" : $"department {i + 1}";
            var database = await databases.CreateAsync(codes.Length == 1 ? "bench_departments" : $"bench_departments_{i + 1}");
            connectionStrings.Add((name, database));
            departments[i] = HostProcess.For(
                "WorkflowEngine.DepartmentHost",
                Path.Combine(directory.FullName, (codes.Length == 1 ? "departments" : $"departments-{i + 1}") + ".log"),
                [
                    "--environment=Production",
                    "--Database:Provider=postgresql",
                    $"--Database:ConnectionString={database}",
                    $"--Departments:Codes={codes[i]}",
                    $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
                    "--Logging:LogLevel:Default=Warning",
                    .. broker.HostArgs,
                    .. engine?.DepartmentHostArgs ?? [],
                    .. options.HostArgs,
                ]);
            engine?.GiveCredential(departments[i]);
        }

        return new DistributedParts(databases, broker, departments, engineArgs, engineDatabase, engine, [.. connectionStrings]) { DepartmentCodes = codes };
    }

    /// <summary>
    /// The departments of <c>Definitions/departments.yaml</c> dealt out to <paramref name="hosts"/> hosts in turn,
    /// 企业开办's first (so each host takes a share of a bundle's steps); one host serves <c>*</c>.
    /// </summary>
    private static string[] Split(int hosts)
    {
        if (hosts == 1)
        {
            return ["*"];
        }

        var all = BusinessOpeningDepartments.Concat(Catalog.Reference.Departments.Keys.Except(BusinessOpeningDepartments).Order(StringComparer.Ordinal)).ToArray();
        return Enumerable.Range(0, hosts).Select(h => string.Join(',', all.Where((_, i) => i % hosts == h))).ToArray();
    }

    /// <summary>
    /// The hosts run from their own build output, which building the benchmark does not refresh (a project reference
    /// would copy the host's appsettings.json here, and the all-in-one run would read it). A run after a change once
    /// measured a host half an hour older than the code: the assemblies the host shares with this build must be the
    /// same files.
    /// </summary>
    private static void RefuseStaleHost(string project)
    {
        var host = Path.Combine(RepositoryPaths.Root, "Hosts", project, "bin", "Release", "net10.0");
        // The department side no longer references the engine's persistence or hosting: the assemblies the two share
        // are compared, whichever they are, and the host must share the delivery kernel at least.
        var shared = Directory.Exists(host)
            ? Directory.EnumerateFiles(host, "WorkflowEngine.*.dll").Select(Path.GetFileName).OfType<string>()
                .Where(a => a != project + ".dll" && File.Exists(Path.Combine(AppContext.BaseDirectory, a))).ToArray()
            : [];
        foreach (var assembly in shared.Contains("WorkflowEngine.Delivery.dll") ? shared : ["WorkflowEngine.Delivery.dll"])
        {
            var ours = Path.Combine(AppContext.BaseDirectory, assembly);
            var theirs = Path.Combine(host, assembly);
            if (!File.Exists(theirs) || !File.ReadAllBytes(ours).AsSpan().SequenceEqual(File.ReadAllBytes(theirs)))
            {
                throw new InvalidOperationException(
                    $"The build of {project} ({host}) is not of these sources ({assembly} differs): run `dotnet pwsh ./build.ps1 bench --distributed`, which builds the solution, or `dotnet build -c Release WorkflowEngine.sln`.");
            }
        }
    }

    /// <summary>After the engine host: it publishes the benchmark's definition before any step goes out.</summary>
    public Task StartDepartmentsAsync() => Task.WhenAll(_departments.Select(d => d.StartAsync(TimeSpan.FromMinutes(2))));

    /// <summary>Counts what each part spends from here on (the hosts must be running).</summary>
    public DistributedCosts Costs(IReadOnlyDictionary<int, string>? more = null)
    {
        var processes = new Dictionary<int, string>(more ?? new Dictionary<int, string>())
        {
            [Environment.ProcessId] = Engine is null ? "engine host (this process, with the driver)" : "driver (this process: HTTP client, completion poll)",
        };
        if (Engine is not null)
        {
            processes[Engine.ProcessId] = "engine host";
        }

        for (var i = 0; i < _departments.Length; i++)
        {
            processes[_departments[i].ProcessId ?? throw new InvalidOperationException("A department host is not running.")] =
                _departments.Length == 1 ? "department host" : $"department host {i + 1}";
        }

        return new DistributedCosts(processes, _connectionStrings, _broker, engineInProcess: Engine is null);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var department in _departments)
        {
            await department.DisposeAsync();
        }

        if (Engine is not null)
        {
            await Engine.DisposeAsync();
        }

        await _broker.DisposeAsync();
        await _databases.DisposeAsync();
    }
}

/// <summary>The whole machine's busy CPU time, from /proc/stat: every process, the database and broker included.</summary>
internal static class MachineCpu
{
    public static TimeSpan Busy()
    {
        if (!File.Exists("/proc/stat"))
        {
            return TimeSpan.Zero;
        }

        // cpu  user nice system idle iowait irq softirq steal …, in USER_HZ (100 per second on Linux).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        var busy = Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8);
        return TimeSpan.FromMilliseconds(busy * 10);
    }
}
