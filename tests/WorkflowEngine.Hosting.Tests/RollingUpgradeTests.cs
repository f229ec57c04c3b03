using System.Net;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A rolling upgrade: the operator upgrades the engine before the department hosts, and the engine sends a message type
/// that version 1 of the contract gained after the hosts' release (as <c>StepDueChanged</c>, <c>StepCommitmentRefused</c>
/// and the warning card were added). The version rule says a receiver acknowledges and ignores a type it does not know.
/// A host had no consumer for it, so the message went to <c>dept.&lt;code&gt;_skipped</c> and into the host's failed
/// messages, degrading its <c>/health</c>: its administrator saw a failure where nothing broke.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RollingUpgradeTests
{
    private const string Later = "StepAddedInALaterRelease";

    [RabbitMqFact]
    public async Task AMessageTypeAddedAfterTheHostsRelease_IsIgnoredAndKept_NotAFailedMessage()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var host = await AllInOneHost.StartAsync(extraArgs: [.. broker.HostArgs, "--Departments:Codes=SAMR"]);
        await broker.WaitForConsumerAsync("dept.SAMR");
        await using var connection = await new ConnectionFactory { Uri = broker.Amqp, VirtualHost = broker.VirtualHost }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();

        // A type this host knows, on a queue that does not carry it (a report sent to a department), is still a failure.
        var misrouted = await PublishAsync(channel, "StepReceived");
        var failed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages"), f => f.GetArrayLength() == 1, "the misrouted report kept as failed");
        Assert.Equal((misrouted, "StepReceived", false), (failed[0].GetProperty("messageId").GetString(), failed[0].GetProperty("messageType").GetString(),
            failed[0].GetProperty("ignored").GetBoolean()));
        await AllInOneHost.EventuallyAsync(() => SkippedAsync(broker), ids => ids.Contains(misrouted), "the misrouted report in dept.SAMR_skipped");

        // A type added to the contract after this host's release is acknowledged and ignored, and kept as such.
        var later = await PublishAsync(channel, Later);
        var ignored = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages?ignored=true"), f => f.GetArrayLength() == 1, "the later type kept as ignored");
        Assert.Equal((later, Later, true), (ignored[0].GetProperty("messageId").GetString(), ignored[0].GetProperty("messageType").GetString(),
            ignored[0].GetProperty("ignored").GetBoolean()));
        Assert.Contains("升级本主机后可重发", ignored[0].GetProperty("error").GetString(), StringComparison.Ordinal);

        // Not a failure: the failed messages and /health count only the misrouted report, and nothing more is skipped.
        Assert.Equal([misrouted], (await host.GetJsonAsync("admin", "/api/failed-messages")).EnumerateArray().Select(m => m.GetProperty("messageId").GetString()));
        Assert.Equal(1, (await host.GetJsonAsync("admin", "/health")).GetProperty("stuck").GetProperty("failedMessages").GetInt32());
        Assert.Empty(await SkippedAsync(broker));

        // Sent again before the upgrade it would only be ignored again: refused, saying why.
        using var admin = host.Client("admin");
        using var replay = await admin.PostAsync($"/api/failed-messages/{ignored[0].GetProperty("id").GetString()}/replay", null);
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Contains("升级本主机后再重发", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Publishes a message of <paramref name="type"/> to <c>dept.SAMR</c> as the engine would; returns its message id.</summary>
    private static async Task<string> PublishAsync(IChannel channel, string type)
    {
        var messageId = Guid.NewGuid().ToString();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            contractVersion = 1, applicationId = Guid.NewGuid(), stepId = "business-licence", attempt = 1, department = "SAMR",
            receivedAt = DateTimeOffset.UtcNow,
        });
        var properties = new BasicProperties
        {
            MessageId = messageId,
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { ["MT-MessageType"] = Encoding.UTF8.GetBytes("urn:message:WorkflowEngine.Contracts:" + type) },
        };
        await channel.BasicPublishAsync("dept.SAMR", "", mandatory: true, properties, body);
        return messageId;
    }

    /// <summary>The message ids in <c>dept.SAMR_skipped</c> (taken off it for a look); none while it does not exist.</summary>
    private static async Task<string?[]> SkippedAsync(RabbitMqBroker broker) =>
        await broker.QueueAsync("dept.SAMR_skipped") is null
            ? []
            : [.. (await broker.TakeAsync("dept.SAMR_skipped", 10)).EnumerateArray().Select(m => m.GetProperty("properties").GetProperty("message_id").GetString())];
}
