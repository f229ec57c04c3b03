using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>企业开办 from submission to unified issuance, over HTTP, against the all-in-one host started for real.</summary>
[Trait("Category", "Integration")]
public sealed class EndToEndTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task BusinessOpening_RunsToCompletion_WithDueTimesAndOnTimeFlags()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var meter = new EngineMeter(host);
        using var citizen = host.Client("zhangsan");

        // One notice of everything required.
        var service = await host.GetJsonAsync("zhangsan", "/api/services/business-opening");
        Assert.Contains(service.GetProperty("materials").EnumerateArray(), m => m.GetProperty("key").GetString() == "addressProof"
            && m.GetProperty("deferrable").GetString() == "5 个工作日");

        // One form, one upload.
        using var submitted = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart());
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var created = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        Assert.Matches(@"^YB20260302-[2-9A-Z]{8}$", created.GetProperty("trackingNumber").GetString());
        Assert.Equal("in-progress", created.GetProperty("status").GetString());
        // Promised within one working day: the day of acceptance is not counted, so close of office on Tuesday.
        Assert.Equal(new DateTimeOffset(2026, 3, 3, 17, 30, 0, Cst), created.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(
            "deferred",
            created.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "addressProof").GetProperty("status").GetString());

        // The business licence comes first, as a clerk's task of SAMR.
        var licence = await ClaimOnlyTaskAsync(host, "SAMR", "samr-clerk");
        Assert.Equal("business-licence", licence.GetProperty("stepId").GetString());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst), licence.GetProperty("dueAt").GetDateTimeOffset());
        host.Clock.Advance(TimeSpan.FromHours(1));
        await CompleteAsync(host, "samr-clerk", licence, new { outcome = "approved", outputs = new { licenceNumber = "91350100M000100Y43" } });

        // Then seal, tax, social and medical insurance, housing fund and the bank account, in parallel; the
        // data-sharing registrations complete themselves.
        var app = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => Step(a, "housing-fund").GetProperty("status").GetString() == "approved"
                && Step(a, "tax-registration").GetProperty("status").GetString() == "approved"
                && Step(a, "bank-account").GetProperty("status").GetString() == "received"
                && Step(a, "seal-engraving").GetProperty("status").GetString() == "received",
            "the parallel registrations");
        Assert.Equal("PSB", Step(app, "seal-engraving").GetProperty("department").GetString());
        // Dispatched at 10:00 with three working hours: 10:00–12:00, then 13:30–14:30 after the lunch break.
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst), Step(app, "bank-account").GetProperty("dispatchedAt").GetDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 30, 0, Cst), Step(app, "bank-account").GetProperty("dueAt").GetDateTimeOffset());

        var seal = await ClaimOnlyTaskAsync(host, "PSB", "psb-clerk");
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        await CompleteAsync(host, "psb-clerk", seal, new { outcome = "approved", outputs = new { sealRecordNumber = "FZ-2026-0001" } });

        // The bank is late: due at 14:30, it finishes at 16:00.
        var bank = await ClaimOnlyTaskAsync(host, "BANK", "bank-clerk");
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 16, 0, 0, Cst) - host.Clock.GetUtcNow());
        await CompleteAsync(host, "bank-clerk", bank, new { outcome = "approved" });

        var done = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("status").GetString() == "completed",
            "the application to complete");

        Assert.True(done.GetProperty("onTime").GetBoolean());
        foreach (var step in done.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == "department-task"))
        {
            var name = step.GetProperty("stepId").GetString();
            Assert.Equal("approved", step.GetProperty("status").GetString());
            Assert.NotEqual(JsonValueKind.Null, step.GetProperty("dispatchedAt").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, step.GetProperty("dueAt").ValueKind);
            Assert.NotEqual(JsonValueKind.Null, step.GetProperty("completedAt").ValueKind);
            Assert.Equal(name != "bank-account", step.GetProperty("onTime").GetBoolean());
            Assert.EndsWith("+08:00", step.GetProperty("dueAt").GetString());
        }

        var certificates = done.GetProperty("certificates").EnumerateArray().ToArray();
        Assert.Contains(certificates, c => c.GetProperty("name").GetString() == "营业执照"
            && c.GetProperty("details").GetProperty("licenceNumber").GetString() == "91350100M000100Y43");
        Assert.Equal(7, certificates.Length);
        Assert.Contains(done.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "completed");

        // An operator's dashboard saw the same: one submitted, one completed, eight steps approved (the seven
        // departments' and the unified issuance).
        Assert.Equal(1, meter.Total("workflow.applications.submitted"));
        Assert.Equal(1, meter.Total("workflow.applications.finished", "completed"));
        Assert.Equal(8, meter.Total("workflow.steps.decided", "approved"));

        // Every message was published and its outbox row deleted, also after the last commit (the relay cleans up
        // once the engine goes quiet).
        var outbox = host.Services.GetRequiredService<WorkflowEngine.Runtime.Outbox.IOutboxStore>();
        await AllInOneHost.EventuallyAsync(() => outbox.CountAsync(CancellationToken.None), n => n == 0, "the outbox to be empty");
    }

    [Fact]
    public async Task RejectedLicence_RejectsTheApplication_AndNothingElseIsDispatched()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var meter = new EngineMeter(host);
        var id = (await host.SubmitBusinessOpeningAsync()).ToString();

        var licence = await ClaimOnlyTaskAsync(host, "SAMR", "samr-clerk");
        await CompleteAsync(host, "samr-clerk", licence, new { outcome = "rejected", reason = "企业名称与已登记企业重名" });

        var app = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("status").GetString() == "rejected",
            "the rejection");
        Assert.Equal("营业执照：企业名称与已登记企业重名", app.GetProperty("reason").GetString());
        Assert.Equal("pending", Step(app, "seal-engraving").GetProperty("status").GetString());
        Assert.Contains(app.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("message").GetString()!.Contains("企业名称与已登记企业重名", StringComparison.Ordinal));
        Assert.Equal(1, meter.Total("workflow.applications.finished", "rejected"));
        Assert.Equal(0, meter.Total("workflow.applications.finished", "completed"));
        Assert.Equal(1, meter.Total("workflow.steps.decided", "rejected"));
    }

    [Fact]
    public async Task RejectedSealEngraving_RecallsTheBankStepFromItsClerk()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = (await host.SubmitBusinessOpeningAsync()).ToString();
        var licence = await ClaimOnlyTaskAsync(host, "SAMR", "samr-clerk");
        await CompleteAsync(host, "samr-clerk", licence, new { outcome = "approved" });

        // Seal engraving and the bank account run side by side; the seal is refused while the bank's clerk waits.
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("bank-clerk", "/api/departments/BANK/tasks?status=open"),
            t => t.GetArrayLength() == 1,
            "the bank's task");
        var seal = await ClaimOnlyTaskAsync(host, "PSB", "psb-clerk");
        await CompleteAsync(host, "psb-clerk", seal, new { outcome = "rejected", reason = "印章样式不符合规定" });

        // The engine recalls the bank step over the bus: it leaves the bank's queue, with the reason.
        var cancelled = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("bank-clerk", "/api/departments/BANK/tasks?status=cancelled"),
            t => t.GetArrayLength() == 1,
            "the bank's task to be recalled");
        Assert.Equal(id, cancelled[0].GetProperty("applicationId").GetString());
        Assert.Equal(0, (await host.GetJsonAsync("bank-clerk", "/api/departments/BANK/tasks?status=open")).GetArrayLength());
        var app = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("rejected", app.GetProperty("status").GetString());
        Assert.Equal("cancelled", Step(app, "bank-account").GetProperty("status").GetString());
    }

    private static JsonElement Step(JsonElement application, string stepId) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);

    private static async Task<JsonElement> ClaimOnlyTaskAsync(AllInOneHost host, string department, string clerk)
    {
        var tasks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync(clerk, $"/api/departments/{department}/tasks?status=unclaimed"),
            t => t.GetArrayLength() == 1,
            $"a task in {department}'s queue");
        using var client = host.Client(clerk);
        using var claimed = await client.PostAsync($"/api/tasks/{tasks[0].GetProperty("id").GetString()}/claim", null);
        Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        var task = await claimed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("claimed", task.GetProperty("status").GetString());
        Assert.Equal(clerk, task.GetProperty("claimedBy").GetString());
        return task;
    }

    private static async Task CompleteAsync(AllInOneHost host, string clerk, JsonElement task, object decision)
    {
        using var client = host.Client(clerk);
        using var response = await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", decision);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>The engine's metrics of one host, as an operator's collector would see them.</summary>
    private sealed class EngineMeter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<(string Name, string? Outcome), long> _totals = new();

        public EngineMeter(AllInOneHost host)
        {
            var factory = host.Services.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == EngineMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                string? outcome = null;
                foreach (var tag in tags)
                {
                    outcome = tag.Key == "outcome" ? tag.Value as string : outcome;
                }

                _totals.AddOrUpdate((instrument.Name, outcome), value, (_, total) => total + value);
            });
            _listener.Start();
        }

        public long Total(string instrument, string? outcome = null) => _totals.GetValueOrDefault((instrument, outcome));

        public void Dispose() => _listener.Dispose();
    }
}
