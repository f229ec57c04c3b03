using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A department system that is not .NET, as docs/messages.md tells it to behave: plain AMQP with RabbitMQ.Client (no
/// MassTransit on its side) consumes <c>dept.BANK</c> and reports to <c>engine.reports</c>; the application completes,
/// and a repeated report changes nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AmqpContractTests
{
    [RabbitMqFact]
    public async Task PlainAmqpDepartment_TakesItsSteps_AndItsReportsCompleteTheApplication_OnceEach()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var host = await AllInOneHost.StartAsync(extraArgs: [.. broker.HostArgs, "--Departments:Codes=SAMR,PSB,TAX,HRSS,HSA,HPF"]);
        await using var bank = await PlainDepartment.StartAsync(broker, "BANK");

        var id = await host.SubmitBusinessOpeningAsync();
        foreach (var (department, clerk) in new[] { ("SAMR", "samr-clerk"), ("PSB", "psb-clerk") })
        {
            var task = (await AllInOneHost.EventuallyAsync(
                () => host.GetJsonAsync(clerk, $"/api/departments/{department}/tasks"), t => t.GetArrayLength() == 1, $"the {department} task"))[0];
            using var client = host.Client(clerk);
            (await client.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
            (await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "completed", "the application to finish");
        var step = application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "bank-account");
        Assert.Equal(("approved", "bank-system"), (step.GetProperty("status").GetString(), step.GetProperty("claimedBy").GetString()));
        Assert.Contains(application.GetProperty("certificates").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "银行开户许可" && c.GetProperty("details").GetProperty("accountNumber").GetString() == "6222-0000-0001");

        // Its compliance block, sent as plain JSON, is kept: this system's clock is the machine's, months after the
        // engine's test clock, so its decision is dated after the engine received it.
        var bankView = Assert.Single((await host.GetJsonAsync("admin", "/api/compliance/mismatches?from=2026-03&to=2026-03&department=BANK"))
            .GetProperty("items").EnumerateArray());
        Assert.True(bankView.GetProperty("hostReported").GetBoolean());
        Assert.Contains("clock-skew", bankView.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));

        // The same decision again, under its own message id and under a new one: the engine applies neither.
        await bank.RepeatLastReportAsync(sameMessageId: true);
        await bank.RepeatLastReportAsync(sameMessageId: false);
        var audit = await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries"),
            a => a.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "LateReportIgnored"),
            "the repeated report with a new id to be read and ignored");
        Assert.Single(audit.EnumerateArray(), e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == "bank-account");
        Assert.Equal("completed", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
    }

    [RabbitMqFact]
    public async Task ReportWithoutItsMessageTypeHeader_IsKeptAsAFailedMessage_NotGuessedAt()
    {
        // PSB is served by nobody here, so its step waits, dispatched, for a report.
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var host = await AllInOneHost.StartAsync(extraArgs: [.. broker.HostArgs, "--Departments:Codes=SAMR,TAX,HRSS,HSA,HPF,BANK"]);
        await broker.WaitForConsumerAsync("engine.reports");
        var id = await host.SubmitBusinessOpeningAsync();
        await host.ReceivedLicenceStepAsync();
        var samr = (await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"))[0].GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{samr}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{samr}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(() => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), SealStepIs("dispatched"), "the PSB step to be dispatched");

        // A report that is a valid StepReceived for that step in every field, but does not say what it is.
        await using var connection = await new ConnectionFactory { Uri = broker.Amqp, VirtualHost = broker.VirtualHost }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var messageId = Guid.NewGuid().ToString();
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            contractVersion = 1, applicationId = id, stepId = "seal-engraving", attempt = 1, department = "PSB", receivedAt = host.Clock.GetUtcNow(),
        });
        await channel.BasicPublishAsync("engine.reports", "", mandatory: true,
            new BasicProperties { MessageId = messageId, ContentType = "application/json", DeliveryMode = DeliveryModes.Persistent }, body);

        var failed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages"), f => f.GetArrayLength() == 1, "the report without a type to be recorded");
        Assert.Equal(messageId, failed[0].GetProperty("messageId").GetString());
        Assert.Equal(JsonValueKind.Null, failed[0].GetProperty("messageType").ValueKind);
        Assert.True(SealStepIs("dispatched")(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")), "a report without its type was applied as a StepReceived");
        Assert.Contains("MT-MessageType", failed[0].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static Func<JsonElement, bool> SealStepIs(string status) =>
        a => a.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("stepId").GetString() == "seal-engraving" && s.GetProperty("status").GetString() == status);

    /// <summary>A department's own system, written from docs/messages.md alone: consume, acknowledge, claim, decide.</summary>
    private sealed class PlainDepartment : IAsyncDisposable
    {
        private const string Urn = "urn:message:WorkflowEngine.Contracts:";
        private readonly IConnection _connection;
        private readonly IChannel _channel;
        private readonly string _department;
        private readonly ConcurrentQueue<(string MessageId, byte[] Body)> _reports = new();

        private PlainDepartment(IConnection connection, IChannel channel, string department)
        {
            _connection = connection;
            _channel = channel;
            _department = department;
        }

        public static async Task<PlainDepartment> StartAsync(RabbitMqBroker broker, string department)
        {
            var connection = await new ConnectionFactory { Uri = broker.Amqp, VirtualHost = broker.VirtualHost }.CreateConnectionAsync();
            var channel = await connection.CreateChannelAsync();
            var queue = "dept." + department;
            // Declared as the engine declares them (durable queue, durable fanout exchange of the same name, bound):
            // whoever comes first creates them, and the other's declaration changes nothing.
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(queue, queue, "");
            await channel.BasicQosAsync(0, 16, false);
            var self = new PlainDepartment(connection, channel, department);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += self.OnStepAsync;
            await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
            return self;
        }

        public async Task RepeatLastReportAsync(bool sameMessageId)
        {
            var (messageId, body) = _reports.Last();
            await PublishAsync("StepCompleted", body, sameMessageId ? messageId : Guid.NewGuid().ToString());
        }

        private async Task OnStepAsync(object sender, BasicDeliverEventArgs delivery)
        {
            var type = Encoding.UTF8.GetString((byte[])delivery.BasicProperties.Headers!["MT-MessageType"]!);
            if (type == Urn + "ExecuteStep")
            {
                var step = JsonNode.Parse(delivery.Body.Span)!;
                var now = DateTimeOffset.Now;
                JsonObject Echo() => new()
                {
                    ["contractVersion"] = 1, ["applicationId"] = step["applicationId"]!.GetValue<string>(), ["stepId"] = step["stepId"]!.GetValue<string>(),
                    ["attempt"] = step["attempt"]!.GetValue<int>(), ["department"] = _department,
                };
                var received = Echo();
                received["receivedAt"] = now;
                await PublishAsync("StepReceived", JsonSerializer.SerializeToUtf8Bytes(received), Guid.NewGuid().ToString());
                var claimed = Echo();
                (claimed["claimedBy"], claimed["claimedAt"]) = ("bank-system", now);
                await PublishAsync("StepClaimed", JsonSerializer.SerializeToUtf8Bytes(claimed), Guid.NewGuid().ToString());
                var completed = Echo();
                completed["outcome"] = "approved";
                completed["outputs"] = new JsonObject { ["accountNumber"] = "6222-0000-0001" };
                (completed["completedBy"], completed["completedAt"], completed["dueAt"], completed["onTime"]) = ("bank-system", now, step["dueAt"]!.GetValue<string>(), true);
                completed["compliance"] = new JsonObject
                {
                    ["receivedAt"] = now, ["startedAt"] = now, ["completedAt"] = now, ["dueAt"] = step["dueAt"]!.GetValue<string>(),
                    ["workingMinutesUsed"] = null, ["workingMinutesPaused"] = null, ["onTime"] = true,
                };
                var body = JsonSerializer.SerializeToUtf8Bytes(completed);
                var id = Guid.NewGuid().ToString();
                await PublishAsync("StepCompleted", body, id);
                _reports.Enqueue((id, body));
            }

            // Acknowledged once its reports are published (with the broker's confirm, the channel's default here).
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }

        private async Task PublishAsync(string type, byte[] body, string messageId)
        {
            var properties = new BasicProperties
            {
                MessageId = messageId,
                ContentType = "application/json",
                DeliveryMode = DeliveryModes.Persistent,
                Headers = new Dictionary<string, object?> { ["MT-MessageType"] = Urn + type },
            };
            await _channel.BasicPublishAsync("engine.reports", "", mandatory: true, properties, body);
        }

        public async ValueTask DisposeAsync()
        {
            await _channel.CloseAsync();
            await _connection.CloseAsync();
            _channel.Dispose();
            _connection.Dispose();
        }
    }
}
