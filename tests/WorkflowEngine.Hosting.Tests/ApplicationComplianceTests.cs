using System.Net;
using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Compliance reporting keeps both sides of every report, agreeing or not: an administrator sets a step's figures as
/// its department reported them beside the engine's (<c>GET /api/applications/{id}/compliance</c>, and the application's
/// page under /admin), while the list of disagreements stays as it was.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApplicationComplianceTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ReportsThatAgree_AreKeptForEveryStep_AndShownBesideTheEnginesFigures()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.FinishBusinessOpeningAsync();

        var compliance = await host.GetJsonAsync("admin", $"/api/applications/{id}/compliance");

        var steps = compliance.GetProperty("steps").EnumerateArray().ToArray();
        // The clerks' three and the steps decided by automated handlers.
        Assert.Superset(new HashSet<string?> { "BANK", "PSB", "SAMR" }, steps.Select(s => s.GetProperty("department").GetString()).ToHashSet());
        foreach (var step in steps)
        {
            Assert.Empty(step.GetProperty("kinds").EnumerateArray());
            Assert.True(step.GetProperty("hostReported").GetBoolean());
            var (reported, engine) = (step.GetProperty("host"), step.GetProperty("engine"));
            // The .NET department host sends each report as it records the decision.
            Assert.Equal(reported.GetProperty("completedAt").GetDateTimeOffset(), step.GetProperty("sentAt").GetDateTimeOffset());
            Assert.Equal(reported.GetProperty("completedAt").GetDateTimeOffset(), engine.GetProperty("completedAt").GetDateTimeOffset());
            Assert.Equal(reported.GetProperty("dueAt").GetDateTimeOffset(), engine.GetProperty("dueAt").GetDateTimeOffset());
            Assert.Equal(reported.GetProperty("workingMinutesUsed").GetInt32(), engine.GetProperty("workingMinutesUsed").GetInt32());
        }

        // The bank decided late (16:00): late on both sides, and so no disagreement.
        var bank = steps.Single(s => s.GetProperty("department").GetString() == "BANK");
        Assert.Equal((false, false), (bank.GetProperty("host").GetProperty("onTime").GetBoolean(), bank.GetProperty("engine").GetProperty("onTime").GetBoolean()));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 16, 0, 0, Cst), bank.GetProperty("engine").GetProperty("completedAt").GetDateTimeOffset());
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/compliance/mismatches?from=2026-03&to=2026-03")).GetProperty("total").GetInt32());

        // The administrator's page of the application shows the same, side by side.
        using var admin = host.Client("admin");
        var page = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/applications/{id}/audit"));
        Assert.Contains("<table class=\"admin-table\" id=\"compliance\">", page, StringComparison.Ordinal);
        Assert.Contains("时限核对", page, StringComparison.Ordinal);
        Assert.Contains("2026-03-02 16:00", page, StringComparison.Ordinal);
        Assert.Equal(steps.Length, page.Split("<td>一致</td>").Length - 1);
    }

    [Fact]
    public async Task AReportThatDisagrees_IsKeptAndFlaggedAsBefore_AndARedeliveredOne_IsAppliedOnce()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        var now = host.Clock.GetUtcNow();
        // The host's calendar put the due time a day later.
        var report = AllInOneHost.Approval(step, now, onTime: true) with
        {
            SentAt = now,
            Compliance = new StepComplianceReport { ReceivedAt = AllInOneHost.MondayMorning, CompletedAt = now, DueAt = step.DueAt.AddDays(1), OnTime = true },
        };
        var messageId = Guid.NewGuid();
        await host.SendReportAsync(report, messageId);
        await host.SendReportAsync(report, messageId);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/applications/{id}/compliance"),
            c => c.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("stepId").GetString() == step.StepId),
            "the report to be kept");
        // A third copy under its own id is read, and ignored as late (audited): the redelivered one left no such line.
        await host.SendReportAsync(report);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", $"/api/applications/{id}/audit"),
            a => a.GetProperty("entries").EnumerateArray().Any(e => e.GetProperty("type").GetString() == "LateReportIgnored"),
            "the third copy to be ignored");

        var compliance = await host.GetJsonAsync("admin", $"/api/applications/{id}/compliance");
        var mismatches = await host.GetJsonAsync("admin", "/api/compliance/mismatches?from=2026-03&to=2026-03");
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();

        var licence = Assert.Single(compliance.GetProperty("steps").EnumerateArray(), s => s.GetProperty("stepId").GetString() == step.StepId);
        Assert.Equal(["due-differs"], licence.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((step.DueAt.AddDays(1), step.DueAt), (licence.GetProperty("host").GetProperty("dueAt").GetDateTimeOffset(),
            licence.GetProperty("engine").GetProperty("dueAt").GetDateTimeOffset()));
        Assert.Equal(1, mismatches.GetProperty("total").GetInt32());
        Assert.Single(trail, e => e.GetProperty("type").GetString() == "ComplianceMismatch");
        Assert.Single(trail, e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == step.StepId);
        Assert.Single(trail, e => e.GetProperty("type").GetString() == "LateReportIgnored");
    }

    [Fact]
    public async Task OnlyAdministratorsSeeAnApplicationsCompliance_AndAnUnknownOneIsNotFound()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        using var applicant = host.Client("zhangsan");
        using var clerk = host.Client("samr-clerk");
        using var admin = host.Client("admin");

        await ProblemAssert.IsAsync(await applicant.GetAsync($"/api/applications/{id}/compliance"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(await clerk.GetAsync($"/api/applications/{id}/compliance"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(await admin.GetAsync($"/api/applications/{Guid.NewGuid()}/compliance"), HttpStatusCode.NotFound);
        var none = await host.GetJsonAsync("admin", $"/api/applications/{id}/compliance");
        Assert.Empty(none.GetProperty("steps").EnumerateArray());
    }
}
