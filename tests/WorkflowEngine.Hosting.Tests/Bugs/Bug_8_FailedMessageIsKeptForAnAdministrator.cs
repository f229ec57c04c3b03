using System.Net;
using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A message its receiver gives up on went to the in-memory bus's error queue, which dies with the process, and its
/// outbox row (now kept until the receiver commits) would have been sent again for ever. It is now kept in the
/// database for an administrator, who can read it and send it again; <c>/health</c> counts it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_FailedMessageIsKeptForAnAdministrator
{
    [Fact]
    public async Task InvalidReport_IsRecorded_ListedForAdministrators_AndCanBeSentAgainThroughTheOutbox()
    {
        await using var host = await AllInOneHost.StartAsync();
        var messageId = Guid.NewGuid();
        await host.SendInvalidReportAsync(messageId);

        var failed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages"),
            list => list.GetArrayLength() == 1,
            "the invalid report to be recorded");
        var message = failed[0];
        Assert.Equal(Queues.EngineReports, message.GetProperty("queue").GetString());
        Assert.Equal(messageId.ToString(), message.GetProperty("messageId").GetString());
        Assert.Equal("StepCompleted", message.GetProperty("messageType").GetString());
        Assert.Contains("maybe", message.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"maybe\"", message.GetProperty("body").GetString(), StringComparison.Ordinal);
        var health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Equal(1, health.GetProperty("stuck").GetProperty("failedMessages").GetInt32());

        // Sent again through the outbox: still invalid, so it fails and is recorded again, and its outbox row goes.
        using var admin = host.Client("admin");
        using var replayed = await admin.PostAsync($"/api/failed-messages/{message.GetProperty("id").GetString()}/replay", null);
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal("admin", (await JsonSerializer.DeserializeAsync<JsonElement>(await replayed.Content.ReadAsStreamAsync())).GetProperty("replayedBy").GetString());
        host.Clock.Advance(TimeSpan.FromSeconds(2)); // the relay polls the table once a second of the host's clock
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages"),
            list => list.GetArrayLength() == 1 && list[0].GetProperty("id").GetString() != message.GetProperty("id").GetString(),
            "the replayed message to fail again and be recorded again");
        await AllInOneHost.EventuallyAsync(() => host.ScalarAsync("SELECT COUNT(*) FROM outbox"), c => c == 0, "the replayed row to leave the outbox");
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/failed-messages/{message.GetProperty("id").GetString()}/replay", null)).StatusCode);
        Assert.Equal(2, (await host.GetJsonAsync("admin", "/api/failed-messages?all=true")).GetArrayLength());
    }
}
