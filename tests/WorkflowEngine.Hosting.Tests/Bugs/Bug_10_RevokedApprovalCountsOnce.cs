using System.Text;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// An approval on commitment (告知承诺) revoked at its verification, months after the bundle completed, counts once in
/// the compliance figures: as decided in the month of the approval, on time as it was, and as revoked — not as a
/// refusal the archives office never made, and not again in the month of the verification.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_RevokedApprovalCountsOnce
{
    [Fact]
    public async Task AVerificationFailedInMay_LeavesOneDecisionInMarch_CountedAsRevoked()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (id, task) = await CommitmentFlow.VerificationOutAsync(host);
        await CommitmentFlow.FailVerificationAsync(host, id, task);

        var report = await host.GetJsonAsync("admin", "/api/statistics/compliance?from=2026-01&to=2026-12&by=department,month");

        var archives = Assert.Single(report.GetProperty("steps").EnumerateArray(), r => r.GetProperty("department").GetString() == "ARCH");
        Assert.Equal(("2026-03", 1, 0, 0, 1), (archives.GetProperty("month").GetString(), archives.GetProperty("decided").GetInt32(),
            archives.GetProperty("approved").GetInt32(), archives.GetProperty("rejected").GetInt32(), archives.GetProperty("revoked").GetInt32()));
        Assert.Equal((1, 0), (archives.GetProperty("onTime").GetInt32(), archives.GetProperty("late").GetInt32()));
        Assert.Equal(5, report.GetProperty("steps").EnumerateArray().Sum(r => r.GetProperty("decided").GetInt32()));
        var bundle = Assert.Single(report.GetProperty("bundles").EnumerateArray());
        Assert.Equal(("2026-03", 1, 0, 1), (bundle.GetProperty("month").GetString(), bundle.GetProperty("finished").GetInt32(),
            bundle.GetProperty("completed").GetInt32(), bundle.GetProperty("rejected").GetInt32()));

        // The department's export says the same, in a column of its own.
        using var admin = host.Client("admin");
        var csv = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/statistics/compliance?from=2026-03&to=2026-03&by=department&format=csv"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",核查后撤销", csv[0], StringComparison.Ordinal);
        // Decided 1: approved 0, refused 0, on time 1, late 0, rate 1, half a working hour; revoked 1.
        Assert.Contains("ARCH,城建档案馆,,,,1,0,0,1,0,1,0.5,1", csv);

        // The statistics route, its page and its export say so too: the bundle is rejected in March, no longer approved.
        var stats = await host.GetJsonAsync("admin", "/api/stats/compliance?from=2026-01&to=2026-12&groupBy=department,service,month");
        var step = Assert.Single(stats.GetProperty("steps").EnumerateArray(), r => r.GetProperty("department").GetString() == "ARCH");
        Assert.Equal(("2026-03", 1L, 0L, 0L, 1L), Counts(step));
        Assert.Equal((1, 1), (step.GetProperty("promisedCounted").GetInt32(), step.GetProperty("onTime").GetInt32()));
        var rolled = Assert.Single(stats.GetProperty("bundles").EnumerateArray());
        Assert.Equal(("2026-03", 1L, 0L, 1L, 0L), Counts(rolled));
        Assert.Equal("joint-acceptance-registration", rolled.GetProperty("serviceId").GetString());
        Assert.Equal((1, 1), (rolled.GetProperty("promisedCounted").GetInt32(), rolled.GetProperty("onTime").GetInt32()));
        foreach (var by in new[] { "month", "service" })
        {
            var grouped = Assert.Single((await host.GetJsonAsync("admin", $"/api/stats/compliance?from=2026-01&to=2026-12&groupBy={by}"))
                .GetProperty("bundles").EnumerateArray());
            Assert.Equal((1L, 0L, 1L), (grouped.GetProperty("finished").GetInt64(), grouped.GetProperty("approved").GetInt64(), grouped.GetProperty("rejected").GetInt64()));
        }

        var bundles = Encoding.UTF8.GetString(await admin.GetByteArrayAsync("/api/stats/compliance?from=2026-03&to=2026-03&groupBy=month&table=bundles&format=csv"))
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Finished 1: approved 0, refused 1, revoked 0.
        Assert.Contains(",2026-03,1,0,1,0,", bundles[1], StringComparison.Ordinal);
    }

    private static (string?, long, long, long, long) Counts(System.Text.Json.JsonElement figures) => (
        figures.GetProperty("month").GetString(), figures.GetProperty("finished").GetInt64(), figures.GetProperty("approved").GetInt64(),
        figures.GetProperty("rejected").GetInt64(), figures.GetProperty("revoked").GetInt64());
}
