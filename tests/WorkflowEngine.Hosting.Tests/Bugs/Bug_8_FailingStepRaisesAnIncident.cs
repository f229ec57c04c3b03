using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 5 (b) of the hardening issue: a condition that failed at run time left the application in progress for
/// ever, the report that reached it failing again and again; on the first step the applicant got a 500 for an
/// application that was stored and never started; <c>/health</c> stayed healthy. Now any error while executing an
/// application makes it an incident that holds the event, counted by <c>/health</c>, which an administrator retries
/// (after publishing a fix, optionally moving the application to it) or cancels.
/// </summary>
/// <remarks>
/// The definitions here are stored as an older release would have published them, without today's type check of
/// conditions: a text compared with a number passes the parser and fails when evaluated.
/// </remarks>
[Trait("Category", "Integration")]
public sealed class Bug_8_FailingStepRaisesAnIncident
{
    /// <summary>A definition whose second step's condition fails when evaluated: deciding the first raises an incident.</summary>
    internal const string Broken = """
        id: house-sale
        title: 存量房买卖
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        form:
          - { key: buyerName, label: 买受人, type: text, required: true }
        flow:
          - { id: contract, activity: department-task, title: 合同备案, department: HUD, limit: { workingDays: 2 } }
          - { id: transfer, activity: department-task, title: 转移登记, department: NRP, limit: { workingDays: 2 }, when: buyerName > 5 }
        """;

    private const string FirstStepBroken = """
        id: house-sale
        title: 存量房买卖
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        form:
          - { key: buyerName, label: 买受人, type: text, required: true }
        flow:
          - { id: transfer, activity: department-task, title: 转移登记, department: NRP, limit: { workingDays: 2 }, when: buyerName > 5 }
        """;

    [Fact]
    public async Task FailingFirstStep_AnswersCreated_AndRaisesAnIncident_ThatARetryOnAFixedVersionRepairs()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.StoreAsPublishedAsync("house-sale", "存量房买卖", FirstStepBroken);

        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "house-sale", form = new { buyerName = "张三" } });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var application = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("incident", application.GetProperty("status").GetString());
        var id = application.GetProperty("id").GetString();

        var health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("stuck").GetProperty("openIncidents").GetInt32());
        var incident = Assert.Single((await host.GetJsonAsync("admin", "/api/incidents")).EnumerateArray());
        Assert.Equal("transfer", incident.GetProperty("stepId").GetString());
        Assert.Contains("buyerName > 5", incident.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(id, incident.GetProperty("applicationId").GetString());
        Assert.Equal("started", incident.GetProperty("heldEvents")[0].GetProperty("event").GetString());

        var fixedVersion = await host.PublishAsync(FirstStepBroken.Replace("buyerName > 5", "buyerName != ''", StringComparison.Ordinal));
        using var admin = host.Client("admin");
        using var retried = await admin.PostAsJsonAsync($"/api/incidents/{incident.GetProperty("id").GetString()}/retry", new { migrateToVersion = fixedVersion });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("resolved", (await retried.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var after = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("steps")[0].GetProperty("status").GetString() == "received",
            "the step to reach its department after the retry");
        Assert.Equal("in-progress", after.GetProperty("status").GetString());
        Assert.Equal(fixedVersion, after.GetProperty("serviceVersion").GetInt32());
        Assert.Equal("healthy", (await host.GetJsonAsync("admin", "/health")).GetProperty("status").GetString());
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().Select(a => a.GetProperty("type").GetString()).ToArray();
        Assert.Contains("IncidentRaised", audit);
        Assert.Contains("ApplicationMigrated", audit);
        Assert.Contains("IncidentResolved", audit);
    }

    [Fact]
    public async Task ReportReachingAFailingStep_IsHeldByTheIncident_AndCancellingEndsTheApplication()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.StoreAsPublishedAsync("house-sale", "存量房买卖", Broken);
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "house-sale", form = new { buyerName = "张三" } });
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("hud-clerk", "/api/departments/HUD/tasks"),
            t => t.GetArrayLength() == 1,
            "the contract task"))[0];
        using var clerk = host.Client("hud-clerk");
        (await clerk.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        using var decided = await clerk.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        var app = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("status").GetString() == "incident",
            "the decision to meet the failing condition");
        // The decision is not lost: the incident holds it, and nothing of it was half applied.
        Assert.Equal("claimed", app.GetProperty("steps")[0].GetProperty("status").GetString());
        var incident = Assert.Single((await host.GetJsonAsync("admin", "/api/incidents")).EnumerateArray());
        Assert.Equal("completed", incident.GetProperty("heldEvents")[0].GetProperty("event").GetString());
        Assert.Equal("contract", incident.GetProperty("heldEvents")[0].GetProperty("stepId").GetString());

        // Retrying on the same version fails again: still open, counted.
        using var admin = host.Client("admin");
        using var retried = await admin.PostAsync($"/api/incidents/{incident.GetProperty("id").GetString()}/retry", null);
        var again = await retried.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("open", again.GetProperty("status").GetString());
        Assert.Equal(2, again.GetProperty("attempts").GetInt32());

        using var cancelled = await admin.PostAsJsonAsync($"/api/incidents/{incident.GetProperty("id").GetString()}/cancel", new { reason = "定义有误，请重新申请" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var ended = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("cancelled", ended.GetProperty("status").GetString());
        Assert.Contains(ended.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("message").GetString()!.Contains("定义有误", StringComparison.Ordinal));
        Assert.Empty((await host.GetJsonAsync("admin", "/api/incidents")).EnumerateArray());
    }

    [Fact]
    public async Task IncidentActions_AreForAdministratorsOnly_AndNeedAReasonToCancel()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var clerk = host.Client("samr-clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/incidents")).StatusCode);
        using var admin = host.Client("admin");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/incidents/{Guid.NewGuid()}/cancel", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"/api/incidents/{Guid.NewGuid()}/cancel", new { reason = " " })).StatusCode);
    }
}
