using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A service may be held to its statutory limit alone (no promised one). Such an application has no promised due time,
/// and the engine took “no due time” for “on time”: finished after its statutory due time, it was reported on time. The
/// application's own page showed no card for it either, while the administrators' late list had it red.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_StatutoryOnlyBundleIsLateAfterIt
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>企业开办 held to five statutory working hours and no promised limit: from 09:00 Monday, due at 15:30.</summary>
    private static async Task PublishStatutoryOnlyAsync(AllInOneHost host)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "business-opening.yaml"));
        const string limits = "timeLimits:\n  statutory: { workingDays: 3 }\n  promised: { workingDays: 1 }\n";
        Assert.Contains(limits, yaml, StringComparison.Ordinal);
        await host.PublishAsync(yaml.Replace(limits, "timeLimits:\n  statutory: { workingHours: 5 }\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FinishedAfterItsStatutoryDueTime_TheApplicationIsLate()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await PublishStatutoryOnlyAsync(host);

        // The bank decides at 16:00, half an hour after the bundle's statutory due time.
        var id = await host.FinishBusinessOpeningAsync();

        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 15, 30, 0, Cst), application.GetProperty("statutoryDueAt").GetDateTimeOffset());
        Assert.False(application.GetProperty("onTime").GetBoolean());
    }

    [Fact]
    public async Task RunningPastItsStatutoryDueTime_TheApplicationShowsItsRedCard()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await PublishStatutoryOnlyAsync(host);
        var id = await host.SubmitBusinessOpeningAsync();

        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 15, 45, 0, Cst) - host.Clock.GetUtcNow());

        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("red", application.GetProperty("warning").GetString());
        Assert.Equal("red", application.GetProperty("statutoryWarning").GetProperty("warning").GetString());
    }
}
