using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace WorkflowEngine.Testing;

/// <summary>
/// A host started as a real process (<c>dotnet &lt;host&gt;.dll</c>) on a loopback port of its own, for tests that must
/// kill it the way an operator's power cut or <c>kill -9</c> would, and start it again on the same data.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IReadOnlyList<string> _args;
    private readonly string _logFile;
    private Process? _process;
    private StreamWriter? _log;

    private HostProcess(string dll, IReadOnlyList<string> args, int port, string logFile)
    {
        _dll = dll;
        _args = args;
        Port = port;
        _logFile = logFile;
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}");

    /// <summary>The operating system's id of the running process, for a look at its CPU time; null before it starts.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>
    /// Environment variables the process starts with, for settings an operator keeps off the command line that others on
    /// the machine can list (e.g. <c>Identity__BootstrapAdmin__Password</c>).
    /// </summary>
    public Dictionary<string, string> EnvironmentVariables { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>
    /// The built host of <paramref name="project"/> (e.g. <c>WorkflowEngine.AllInOne</c>), in the configuration the tests
    /// were built in; <paramref name="args"/> come after the port, the log file collects what it prints.
    /// </summary>
    public static HostProcess For(string project, string logFile, params string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "Hosts", project, "bin", configuration, "net10.0", project + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build {project} ({configuration}) first: {dll} is missing.", dll);
        }

        return new HostProcess(dll, args, FreePort(), logFile);
    }

    /// <summary>Starts the process and waits until <c>/health</c> answers.</summary>
    public async Task StartAsync(TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(_dll);
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{Port}");
        foreach (var arg in _args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in EnvironmentVariables)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _process?.Dispose();
        _process = process;
        Starts++;
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }

        var log = _log = new StreamWriter(_logFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"===== start {Starts} at {DateTimeOffset.UtcNow:O} (pid {process.Id}) =====");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode} while starting; see {_logFile}:{Environment.NewLine}{Tail()}");
            }

            try
            {
                using var health = await client.GetAsync("/health");
                if (health.StatusCode is HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"The host did not answer /health within {timeout}; see {_logFile}:{Environment.NewLine}{Tail()}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed but what the OS already has.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>The end of what the process printed, for a failure message.</summary>
    public string Tail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        if (_log is not null)
        {
            await _log.DisposeAsync();
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The last lines of a process killed as the test moved on.
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
