using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The all-in-one host with its bus on a real RabbitMQ node (a virtual host of its own per test): the same flow as on the
/// in-memory bus, durable queues, and a malformed report that lands in the error queue with its reason.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RabbitMqTransportTests
{
    [RabbitMqFact]
    public Task BusinessOpening_RunsToCompletion_OnDurableQueues() => RunsToCompletionAsync(quorum: false);

    [RabbitMqFact]
    public Task BusinessOpening_RunsToCompletion_OnQuorumQueues() => RunsToCompletionAsync(quorum: true);

    private static async Task RunsToCompletionAsync(bool quorum)
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var host = await AllInOneHost.StartAsync(extraArgs: [.. broker.HostArgs, $"--Messaging:RabbitMq:QuorumQueues={quorum}"]);
        var id = await host.SubmitBusinessOpeningAsync();

        foreach (var (department, clerk) in new[] { ("SAMR", "samr-clerk"), ("PSB", "psb-clerk"), ("BANK", "bank-clerk") })
        {
            var task = (await AllInOneHost.EventuallyAsync(
                () => host.GetJsonAsync(clerk, $"/api/departments/{department}/tasks"), t => t.GetArrayLength() == 1, $"the {department} task"))[0];
            using var client = host.Client(clerk);
            (await client.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "completed", "the application to finish");
        Assert.Equal(7, application.GetProperty("certificates").GetArrayLength());
        // A sent row goes with the next commit, or once the process has been quiet for a second.
        await AllInOneHost.EventuallyAsync(() => host.ScalarAsync("SELECT COUNT(*) FROM outbox"), n => n == 0, "the outbox to empty");
        foreach (var queue in new[] { Queues.EngineReports, Queues.Department("SAMR"), Queues.Department("TAX") })
        {
            var described = await broker.QueueAsync(queue);
            Assert.True(described is { } q && q.GetProperty("durable").GetBoolean(), $"{queue} is not a durable queue");
            Assert.Equal(quorum ? "quorum" : "classic", described.Value.GetProperty("type").GetString());
        }

        // /health names the broker itself (AspNetCore.HealthChecks.Rabbitmq on the configured address), beside the bus's checks.
        var health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("rabbitmq").GetString());
    }

    [RabbitMqFact]
    public async Task MalformedReport_GoesToTheErrorQueueWithItsReason_IsRecorded_AndTheEngineCarriesOn()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var host = await AllInOneHost.StartAsync(extraArgs: broker.HostArgs);
        // The bus connects after the host started: publish once the engine consumes its queue (and so it is bound).
        await broker.WaitForConsumerAsync(Queues.EngineReports);
        var factory = new ConnectionFactory { Uri = broker.Amqp, VirtualHost = broker.VirtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var report = new
        {
            contractVersion = 1, applicationId = Guid.NewGuid(), stepId = "seal-engraving", attempt = 1, department = "PSB", outcome = "maybe",
            completedAt = DateTimeOffset.UtcNow, dueAt = DateTimeOffset.UtcNow, onTime = true,
        };
        var properties = new BasicProperties
        {
            MessageId = Guid.NewGuid().ToString(),
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            Headers = new Dictionary<string, object?> { ["MT-MessageType"] = "urn:message:WorkflowEngine.Contracts:StepCompleted" },
        };
        await channel.BasicPublishAsync(Queues.EngineReports, "", mandatory: false, properties, Encoding.UTF8.GetBytes(JsonSerializer.Serialize(report)));

        var failed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages"), f => f.GetArrayLength() == 1, "the malformed report to be recorded");
        Assert.Equal(properties.MessageId, failed[0].GetProperty("messageId").GetString());
        var moved = (await AllInOneHost.EventuallyAsync(
            () => broker.TakeAsync(Queues.EngineReports + "_error", 5), m => m.GetArrayLength() > 0, "the report in engine.reports_error"))[0];
        Assert.Contains("maybe", moved.GetProperty("properties").GetProperty("headers").GetProperty("MT-Fault-Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(properties.MessageId, moved.GetProperty("properties").GetProperty("message_id").GetString());

        // The engine's queue still works: an application submitted now is dispatched and acknowledged.
        var id = await host.SubmitBusinessOpeningAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("steps")[0].GetProperty("status").GetString() == "received",
            "the next application's first step to be acknowledged");
    }

    [Fact]
    public async Task UnreachableBroker_LeavesTheHostRunning_AndHealthDegradedNamingTheBusAndTheBroker()
    {
        // A port nothing listens on: the broker is down, or the address is wrong.
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var host = await AllInOneHost.StartAsync(extraArgs:
            ["--Messaging:Transport=rabbitmq", "--Messaging:RabbitMq:Host=127.0.0.1", $"--Messaging:RabbitMq:Port={port}"]);

        var health = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/health"), h => h.GetProperty("checks").EnumerateObject().Any(), "the bus's checks");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("checks").EnumerateObject(), c => c.Value.GetString() != "Healthy");
        var broker = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/health"), h => h.GetProperty("checks").TryGetProperty("rabbitmq", out _), "the broker's own check");
        Assert.Equal("Unhealthy", broker.GetProperty("checks").GetProperty("rabbitmq").GetString());
        // Applications are still taken: they wait in the outbox until the bus is back.
        await host.SubmitBusinessOpeningAsync();
        Assert.True(await host.ScalarAsync("SELECT COUNT(*) FROM outbox") > 0);
    }
}
