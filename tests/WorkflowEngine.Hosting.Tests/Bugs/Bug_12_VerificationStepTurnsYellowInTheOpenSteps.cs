using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A verification task (事后核查) out at its department is open work with limits like any dispatched step: the open
/// steps of the statistics count it at risk (yellow) before its due time, and against the step's statutory limit too,
/// counted from the task's dispatch. Before the fix its row had a due time but no warning time and no statutory times,
/// so it went from green to red with nothing between and never counted against the law's limit.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_12_VerificationStepTurnsYellowInTheOpenSteps
{
    [Fact]
    public async Task AVerificationTask_AMinuteBeforeItsDueTime_IsCountedAtRisk()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (_, task) = await CommitmentFlow.VerificationOutAsync(host);
        var due = (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("task").GetProperty("dueAt").GetDateTimeOffset();
        // Five working days from the close of 28 May: 29 May, 1–4 June.
        Assert.Equal(new DateTimeOffset(2026, 6, 4, 17, 30, 0, CommitmentFlow.Cst), due);

        host.Clock.Advance(due.AddMinutes(-1) - host.Clock.GetUtcNow());

        Assert.Equal((1L, 0L, 1L, 0L, 0L), Figures(await ArchivesAsync(host)));
    }

    [Fact]
    public async Task AVerificationTask_WithAStatutoryLimit_IsCountedAtRiskThenOverdueAgainstIt()
    {
        await using var host = await AllInOneHost.StartAsync();
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "joint-acceptance-registration.yaml"));
        const string archives = "              department: ARCH\n              limit: { workingDays: 5 }\n";
        Assert.Contains(archives, yaml, StringComparison.Ordinal);
        await host.PublishAsync(yaml.Replace(archives, archives + "              statutoryLimit: { workingDays: 10 }\n", StringComparison.Ordinal));
        await CommitmentFlow.VerificationOutAsync(host);

        // Ten working days from the close of 28 May, when the task was sent: 29 May, 1–5 and 8–11 June.
        var statutoryDue = new DateTimeOffset(2026, 6, 11, 17, 30, 0, CommitmentFlow.Cst);
        host.Clock.Advance(statutoryDue.AddMinutes(-1) - host.Clock.GetUtcNow());
        Assert.Equal((1L, 1L, 0L, 0L, 1L), Figures(await ArchivesAsync(host)));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((1L, 1L, 0L, 1L, 0L), Figures(await ArchivesAsync(host)));
    }

    private static async Task<JsonElement> ArchivesAsync(AllInOneHost host) =>
        Assert.Single((await host.GetJsonAsync("admin", "/api/stats/compliance?groupBy=department")).GetProperty("open").EnumerateArray(),
            o => o.GetProperty("department").GetString() == "ARCH");

    private static (long Open, long Overdue, long AtRisk, long StatutoryOverdue, long StatutoryAtRisk) Figures(JsonElement open) => (
        open.GetProperty("open").GetInt64(), open.GetProperty("overdue").GetInt64(), open.GetProperty("atRisk").GetInt64(),
        open.GetProperty("statutoryOverdue").GetInt64(), open.GetProperty("statutoryAtRisk").GetInt64());
}
