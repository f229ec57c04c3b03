using System.Diagnostics;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// <c>.ci/postgres.sh stop DIR</c> exited 0 whatever happened: a server it could not stop, a folder with no server (a
/// typo), nothing running there. <c>build.ps1 down</c> and an operator took that for "stopped". It now says which: it
/// stopped the server or found it stopped (exit 0), or there is no server's data in the folder, or it is still running
/// (exit 1, on standard error). <c>.ci/rabbitmq.sh stop</c> likewise for a folder naming no node.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_9_ServerStopSaysWhatHappened : IDisposable
{
    // Reachable by the user postgres, which runs the server when the tests run as root.
    private readonly string _folder = Path.Combine("/tmp", "wfe-stop-" + Guid.NewGuid().ToString("N"));

    public Bug_9_ServerStopSaysWhatHappened()
    {
        Directory.CreateDirectory(_folder);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(_folder, (UnixFileMode)0b111_101_101);
        }
    }

    [Fact]
    public async Task PostgresStop_OnAFolderWithNoServer_FailsAndSaysSo()
    {
        var (code, output, error) = await RunAsync("postgres.sh", "stop", Path.Combine(_folder, "pg"));
        Assert.Equal(1, code);
        Assert.Contains($"No PostgreSQL server's data under {Path.Combine(_folder, "pg")}", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task PostgresStop_StopsTheServer_ThenSaysItWasAlreadyStopped()
    {
        var pg = Path.Combine(_folder, "pg");
        var (started, _, startError) = await RunAsync("postgres.sh", pg);
        Assert.True(started == 0, startError);
        try
        {
            var first = await RunAsync("postgres.sh", "stop", pg);
            Assert.Equal((0, $"Stopped PostgreSQL under {pg}.\n"), (first.Code, first.Output));
            var second = await RunAsync("postgres.sh", "stop", pg);
            Assert.Equal((0, $"PostgreSQL under {pg} was already stopped.\n"), (second.Code, second.Output));
        }
        finally
        {
            await RunAsync("postgres.sh", "stop", pg);
        }
    }

    [Fact]
    public async Task RabbitMqStop_OnAFolderWithNoNode_FailsAndSaysSo()
    {
        var (code, output, error) = await RunAsync("rabbitmq.sh", "stop", _folder);
        Assert.Equal(1, code);
        Assert.Contains($"No RabbitMQ node under {_folder}", error, StringComparison.Ordinal);
        Assert.Equal("", output);
    }

    [Fact]
    public async Task RabbitMqStop_OfANodeNotRunning_SaysItWasAlreadyStopped()
    {
        // What rabbitmq.sh writes before the node starts; no node of that name runs.
        await File.WriteAllTextAsync(Path.Combine(_folder, "env"), $"WFE_RABBITMQ_NODE=wfe-stop-{Environment.ProcessId}@localhost\nWFE_RABBITMQ_EPMD_PORT=1\n");
        var (code, output, _) = await RunAsync("rabbitmq.sh", "stop", _folder);
        Assert.Equal((0, $"RabbitMQ node wfe-stop-{Environment.ProcessId}@localhost under {_folder} was already stopped.\n"), (code, output));
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(string script, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, ".ci", script));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
