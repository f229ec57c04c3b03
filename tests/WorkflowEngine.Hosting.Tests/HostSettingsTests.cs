using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using WorkflowEngine.Hosting;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The all-in-one host keeps its database and uploads under its content root. Watching appsettings.json watches that
/// whole tree, so every database write woke the watcher: the host reads its settings at start unless told otherwise.
/// </summary>
public sealed class HostSettingsTests
{
    private static FileConfigurationSource[] SettingsFiles(WebApplication app) =>
        ((IConfigurationRoot)app.Configuration).Providers.OfType<JsonConfigurationProvider>().Select(p => p.Source).ToArray();

    [Fact]
    public async Task SettingsFiles_AreReadAtStart_NotWatched()
    {
        await using var host = await AllInOneHost.StartAsync();

        var files = SettingsFiles(host.App);

        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched for changes"));
    }

    [Fact]
    public async Task AnOperator_CanTurnWatchingBackOn()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: $"--{AllInOneApp.ReloadConfigOnChange}=true");

        Assert.Contains(SettingsFiles(host.App), f => f.Path == "appsettings.json" && f.ReloadOnChange);
    }
}
