using System.Globalization;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// What the distributed run adds around the engine host in this process: a database for it and one for a department
/// host, a RabbitMQ virtual host, and the department host as a process of its own serving every department.
/// </summary>
internal sealed class DistributedParts : IAsyncDisposable
{
    private readonly PostgresDatabases _databases;
    private readonly RabbitMqBroker _broker;
    private readonly HostProcess _departments;

    private readonly (string Label, string ConnectionString)[] _connectionStrings;

    private DistributedParts(
        PostgresDatabases databases, RabbitMqBroker broker, HostProcess departments, string[] engineArgs, (string Label, string ConnectionString)[] connectionStrings)
    {
        _databases = databases;
        _broker = broker;
        _departments = departments;
        EngineArgs = engineArgs;
        _connectionStrings = connectionStrings;
    }

    public string[] EngineArgs { get; }

    /// <summary>The parts, the department host given the run's host settings as well (<paramref name="hostArgs"/>, e.g. <c>--Engine:RelayWindow=1</c>).</summary>
    public static async Task<DistributedParts> StartAsync(DirectoryInfo directory, IReadOnlyList<string> hostArgs)
    {
        if (!PostgresDatabases.IsConfigured || !RabbitMqBroker.IsConfigured)
        {
            throw new InvalidOperationException(
                "--distributed needs WFE_TEST_POSTGRES and WFE_TEST_RABBITMQ: start the servers with .ci/postgres.sh and .ci/rabbitmq.sh and source their env files.");
        }

        RefuseStaleDepartmentHost();
        var databases = new PostgresDatabases();
        var broker = await RabbitMqBroker.CreateAsync();
        var departmentDatabase = await databases.CreateAsync("bench_departments");
        var engineDatabase = await databases.CreateAsync("bench_engine");
        var departments = HostProcess.For(
            "WorkflowEngine.DepartmentHost",
            Path.Combine(directory.FullName, "departments.log"),
            [
                "--environment=Production",
                "--Database:Provider=postgresql",
                $"--Database:ConnectionString={departmentDatabase}",
                "--Departments:Codes=*",
                $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}",
                "--Logging:LogLevel:Default=Warning",
                .. broker.HostArgs,
                .. hostArgs,
            ]);
        string[] engineArgs =
        [
            "--Database:Provider=postgresql",
            $"--Database:ConnectionString={engineDatabase}",
            .. broker.HostArgs,
        ];
        return new DistributedParts(databases, broker, departments, engineArgs, [("engine", engineDatabase), ("department", departmentDatabase)]);
    }

    /// <summary>
    /// The department host runs from its own build output, which building the benchmark does not refresh (a project
    /// reference would copy the host's appsettings.json here, and the all-in-one run would read it). A run after a
    /// change once measured a host half an hour older than the code: the engine's assemblies must be the same files.
    /// </summary>
    private static void RefuseStaleDepartmentHost()
    {
        var host = Path.Combine(RepositoryPaths.Root, "Hosts", "WorkflowEngine.DepartmentHost", "bin", "Release", "net10.0");
        // The department side no longer references the engine's persistence or hosting: the assemblies the two share
        // are compared, whichever they are, and the host must share the delivery kernel at least.
        var shared = Directory.Exists(host)
            ? Directory.EnumerateFiles(host, "WorkflowEngine.*.dll").Select(Path.GetFileName).OfType<string>()
                .Where(a => a != "WorkflowEngine.DepartmentHost.dll" && File.Exists(Path.Combine(AppContext.BaseDirectory, a))).ToArray()
            : [];
        foreach (var assembly in shared.Contains("WorkflowEngine.Delivery.dll") ? shared : ["WorkflowEngine.Delivery.dll"])
        {
            var ours = Path.Combine(AppContext.BaseDirectory, assembly);
            var theirs = Path.Combine(host, assembly);
            if (!File.Exists(theirs) || !File.ReadAllBytes(ours).AsSpan().SequenceEqual(File.ReadAllBytes(theirs)))
            {
                throw new InvalidOperationException(
                    $"The department host's build ({host}) is not of these sources ({assembly} differs): run `dotnet pwsh ./build.ps1 bench --distributed`, which builds it, or `dotnet build -c Release Hosts/WorkflowEngine.DepartmentHost`.");
            }
        }
    }

    /// <summary>After the engine host: it publishes the benchmark's definition before any step goes out.</summary>
    public Task StartDepartmentsAsync() => _departments.StartAsync(TimeSpan.FromMinutes(1));

    /// <summary>Counts what each part spends from here on (the department host must be running).</summary>
    public DistributedCosts Costs() =>
        new(_departments.ProcessId ?? throw new InvalidOperationException("The department host is not running."), _connectionStrings, _broker);

    public async ValueTask DisposeAsync()
    {
        await _departments.DisposeAsync();
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
