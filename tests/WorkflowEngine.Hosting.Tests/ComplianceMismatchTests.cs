using System.Net;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Compliance reporting, both sides: the department host sends its own instants with each decision, the engine
/// recomputes them on its calendar and lists every disagreement for administrators (<c>GET /api/compliance/mismatches</c>),
/// over the all-in-one host. A hand-made report plays a department system whose clock, calendar or clerk is wrong.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ComplianceMismatchTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private const string March = "from=2026-03&to=2026-03";

    [Fact]
    public async Task DepartmentHostsThatAgreeWithTheEngine_AreListedNowhere_EvenForALateStep()
    {
        await using var host = await AllInOneHost.StartAsync();
        // The bank account is decided late (16:00, due 14:30): late on both sides is no disagreement.
        await host.FinishBusinessOpeningAsync();

        var mismatches = await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{March}");
        var notReported = await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{March}&kind=not-reported");

        Assert.Equal(0, mismatches.GetProperty("total").GetInt32());
        Assert.Empty(mismatches.GetProperty("items").EnumerateArray());
        Assert.Equal(0, notReported.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AReportWithTheWrongDueTime_ABackFilledDecision_AndTheWrongVerdict_IsListedWithEachKind_AndBothViews()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        // The report arrives at 12:00; the clerk's system says it was decided at 09:30, against a due time of 10:00, late.
        host.Clock.Advance(TimeSpan.FromHours(3));
        var decided = new DateTimeOffset(2026, 3, 2, 9, 30, 0, Cst);
        await SendAsync(host, Completed(step, decided, onTime: false) with
        {
            Compliance = new StepComplianceReport
            {
                ReceivedAt = AllInOneHost.MondayMorning,
                StartedAt = AllInOneHost.MondayMorning.AddMinutes(10),
                CompletedAt = decided,
                DueAt = new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst),
                WorkingMinutesUsed = 30,
                WorkingMinutesPaused = 0,
                OnTime = false,
            },
        });

        var list = await ListedAsync(host, $"/api/compliance/mismatches?{March}", 1);
        var item = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(["on-time-differs", "due-differs", "backfilled"], item.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((id, step.StepId, "SAMR", true), (item.GetProperty("applicationId").GetGuid(), item.GetProperty("stepId").GetString(),
            item.GetProperty("department").GetString(), item.GetProperty("hostReported").GetBoolean()));
        var reported = item.GetProperty("host");
        var engine = item.GetProperty("engine");
        Assert.Equal((new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst), false, 30), (reported.GetProperty("dueAt").GetDateTimeOffset(),
            reported.GetProperty("onTime").GetBoolean(), reported.GetProperty("workingMinutesUsed").GetInt32()));
        Assert.Equal((step.DueAt, true, 30), (engine.GetProperty("dueAt").GetDateTimeOffset(), engine.GetProperty("onTime").GetBoolean(),
            engine.GetProperty("workingMinutesUsed").GetInt32()));
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 12, 0, 0, Cst), item.GetProperty("reportedAt").GetDateTimeOffset());
        Assert.Equal("+08:00", item.GetProperty("reportedAt").GetString()![^6..]);

        // Each kind filters; one it does not have lists nothing; nor does another month or department.
        Assert.Equal(1, (await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{March}&kind=backfilled&department=SAMR")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{March}&kind=clock-skew")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/compliance/mismatches?from=2026-04&to=2026-04")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{March}&department=PSB")).GetProperty("total").GetInt32());

        // The application's audit trail says the same.
        var trail = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries");
        var line = Assert.Single(trail.EnumerateArray(), e => e.GetProperty("type").GetString() == "ComplianceMismatch");
        Assert.Contains("backfilled", line.GetRawText(), StringComparison.Ordinal);

        // And the CSV, for Excel.
        using var admin = host.Client("admin");
        using var csv = await admin.GetAsync($"/api/compliance/mismatches?{March}&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        var rows = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, rows.Length);
        Assert.StartsWith("受理编号,", rows[0], StringComparison.Ordinal);
        Assert.Contains("on-time-differs due-differs backfilled", rows[1], StringComparison.Ordinal);
        Assert.Contains("2026-03-02 10:00:00", rows[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOldStyleReportWithoutTheBlock_IsNoMismatch_ButIsListedAsNotReported()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        await SendAsync(host, Completed(step, host.Clock.GetUtcNow(), onTime: true));

        var notReported = await ListedAsync(host, $"/api/compliance/mismatches?{March}&kind=not-reported", 1);
        var mismatches = await host.GetJsonAsync("admin", $"/api/compliance/mismatches?{March}");

        var item = Assert.Single(notReported.GetProperty("items").EnumerateArray());
        Assert.False(item.GetProperty("hostReported").GetBoolean());
        Assert.Equal(JsonValueKind.Null, item.GetProperty("host").ValueKind);
        Assert.True(item.GetProperty("reportedOnTime").GetBoolean());
        Assert.Empty(item.GetProperty("kinds").EnumerateArray());
        Assert.Equal(0, mismatches.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task AReportWhoseBlockCannotBeTrue_GoesToTheFailedMessages_WithTheReason()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        var now = host.Clock.GetUtcNow();
        await SendAsync(host, Completed(step, now, onTime: true) with
        {
            Compliance = new StepComplianceReport { ReceivedAt = now, CompletedAt = now.AddHours(-1), DueAt = step.DueAt, OnTime = true },
        });

        var failed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages"), f => f.GetArrayLength() == 1, "the report to be refused");
        Assert.Contains("compliance.completedAt", failed[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        var licence = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("stepId").GetString() == step.StepId);
        Assert.NotEqual("approved", licence.GetProperty("status").GetString());
    }

    [Fact]
    public async Task OnlyAdministratorsSeeTheList_AndABadFilterIsAClearProblem()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var anonymous = host.Client();
        using var clerk = host.Client("samr-clerk");
        using var supervisor = host.Client("samr-supervisor");
        using var admin = host.Client("admin");

        await ProblemAssert.IsAsync(await anonymous.GetAsync("/api/compliance/mismatches"), HttpStatusCode.Unauthorized);
        await ProblemAssert.IsAsync(await clerk.GetAsync("/api/compliance/mismatches"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(await supervisor.GetAsync("/api/compliance/mismatches"), HttpStatusCode.Forbidden);
        var problem = await ProblemAssert.IsAsync(
            await admin.GetAsync("/api/compliance/mismatches?kind=late&department=NOPE&from=2026-13&pageSize=0"), HttpStatusCode.BadRequest);
        Assert.Contains("on-time-differs", ProblemAssert.FieldError(problem, "kind"), StringComparison.Ordinal);
        Assert.Contains("NOPE", ProblemAssert.FieldError(problem, "department"), StringComparison.Ordinal);
        Assert.Contains("2026-01", ProblemAssert.FieldError(problem, "from"), StringComparison.Ordinal);
        Assert.Contains("200", ProblemAssert.FieldError(problem, "pageSize"), StringComparison.Ordinal);
    }

    private static StepCompleted Completed(ExecuteStep step, DateTimeOffset completedAt, bool onTime) => AllInOneHost.Approval(step, completedAt, onTime);

    private static Task SendAsync(AllInOneHost host, StepCompleted report) => host.SendReportAsync(report);

    private static Task<JsonElement> ListedAsync(AllInOneHost host, string path, int total) =>
        AllInOneHost.EventuallyAsync(() => host.GetJsonAsync("admin", path), l => l.GetProperty("total").GetInt32() == total, $"{total} listed at {path}");
}
