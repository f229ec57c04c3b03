using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Hosting.Configuration;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// <c>Clock:Offset</c> moves a Development host's clock (the crash tests use it to run real processes inside office
/// hours); anywhere else it stops the host, since a government system's deadlines count from the real time only.
/// </summary>
public sealed class ClockOffsetTests
{
    private static string[] Args(string environment, params string[] more) =>
        [$"--environment={environment}", "--urls=http://127.0.0.1:0", $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}", .. more];

    [Fact]
    public async Task InDevelopment_TheHostsClockIsTheSystemsMovedByTheOffset()
    {
        await using var app = AllInOneApp.Build(Args("Development", "--Clock:Offset=-30.02:00:00"));

        var clock = app.Services.GetRequiredService<TimeProvider>();
        var expected = DateTimeOffset.UtcNow - new TimeSpan(30, 2, 0, 0);
        Assert.InRange(clock.GetUtcNow(), expected - TimeSpan.FromMinutes(1), expected + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void OutsideDevelopment_TheOffsetStopsTheHost_SayingWhy()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllInOneApp.Build(Args("Production", "--Clock:Offset=-30.02:00:00")));

        Assert.Contains("Clock:Offset", error.Message, StringComparison.Ordinal);
        Assert.Contains("outside Development", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOffsetThatIsNoTimeSpan_StopsTheHost_WithTheFormToWrite()
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllInOneApp.Build(Args("Development", "--Clock:Offset=yesterday")));

        Assert.Contains("'yesterday'", error.Message, StringComparison.Ordinal);
        Assert.Contains("days.hours:minutes:seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTheSetting_TheHostKeepsTheSystemsClock()
    {
        await using var app = AllInOneApp.Build(Args("Development"));

        Assert.Same(TimeProvider.System, app.Services.GetRequiredService<TimeProvider>());
    }
}
