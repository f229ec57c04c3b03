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
            () => host.GetJsonAsync("admin", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "completed", "the application to finish");
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

    /// <summary>
    /// 按承诺审批 by a department system that is not .NET: the step's commitment comes with its <c>ExecuteStep</c>; a
    /// decision carrying a signature of another text is refused and the system told (<c>StepCommitmentRefused</c>);
    /// one naming the offered text approves the step on commitment, signed at the window.
    /// </summary>
    [RabbitMqFact]
    public async Task PlainAmqpDepartment_ApprovesOnAPaperCommitment_AndIsToldWhenTheEngineRefusesOne()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var host = await AllInOneHost.StartAsync(extraArgs: [.. broker.HostArgs, "--Departments:Codes=NRP,HUD,CAD,QSS,REG"]);
        await using var archives = await PlainDepartment.StartAsync(broker, "ARCH", decides: false);
        await broker.WaitForConsumerAsync("engine.reports");
        var form = JointAcceptance.Form(civilAirDefence: false);
        form["completionDate"] = "2026-02-27";
        using (var citizen = host.Client("zhangsan"))
        {
            (await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(form))).EnsureSuccessStatusCode();
        }

        var step = await archives.NextAsync("ExecuteStep");
        // The titles and the materials' names come in English too, under the names docs/messages.md gives them.
        Assert.Equal(("城建档案验收", "Urban construction archives acceptance"), (step["title"]!.GetValue<string>(), step["titleEn"]!.GetValue<string>()));
        Assert.Equal("Joint completion acceptance and real-estate registration", step["serviceTitleEn"]!.GetValue<string>());
        Assert.Contains(step["materials"]!.AsArray(), m => m!["nameEn"]?.GetValue<string>() == "List of the project archives handed over");
        var offer = step["commitment"]!;
        Assert.Contains("三个月内", offer["text"]!.GetValue<string>(), StringComparison.Ordinal);
        JsonObject Report(string sha)
        {
            var now = host.Clock.GetUtcNow();
            return new JsonObject
            {
                ["contractVersion"] = 1, ["applicationId"] = step["applicationId"]!.GetValue<string>(), ["stepId"] = step["stepId"]!.GetValue<string>(),
                ["attempt"] = step["attempt"]!.GetValue<int>(), ["department"] = "ARCH", ["outcome"] = "approved", ["completedBy"] = "arch-window-3",
                ["completedAt"] = now, ["dueAt"] = step["dueAt"]!.GetValue<string>(), ["onTime"] = true,
                ["commitment"] = new JsonObject
                {
                    ["signerName"] = "张三", ["signerIdNumber"] = "11010519491231002X", ["signedAt"] = now, ["textSha256"] = sha, ["witnessedBy"] = "arch-window-3",
                },
            };
        }

        await archives.SendAsync("StepCompleted", Report(new string('0', 64)));
        var refused = await archives.NextAsync("StepCommitmentRefused");
        Assert.Equal(step["stepId"]!.GetValue<string>(), refused["stepId"]!.GetValue<string>());
        Assert.Contains("不一致", refused["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        await archives.SendAsync("StepCompleted", Report(offer["textSha256"]!.GetValue<string>()));
        var id = step["applicationId"]!.GetValue<string>();
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => CommitmentFlow.Step(a, CommitmentFlow.Archives).GetProperty("status").GetString() == "approved", "the approval on commitment");
        var commitment = CommitmentFlow.Step(application, CommitmentFlow.Archives).GetProperty("commitment");
        Assert.Equal(("window", "张三", "arch-window-3", "awaiting-verification"), (commitment.GetProperty("channel").GetString(),
            commitment.GetProperty("signedBy").GetString(), commitment.GetProperty("witnessedBy").GetString(), commitment.GetProperty("status").GetString()));
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
        private readonly System.Threading.Channels.Channel<(string Type, JsonNode Body)> _received = System.Threading.Channels.Channel.CreateUnbounded<(string, JsonNode)>();
        private readonly bool _decides;

        private PlainDepartment(IConnection connection, IChannel channel, string department, bool decides)
        {
            _connection = connection;
            _channel = channel;
            _department = department;
            _decides = decides;
        }

        /// <summary>Reads the department's queue; with <paramref name="decides"/>, acknowledges, claims and approves each step at once.</summary>
        public static async Task<PlainDepartment> StartAsync(RabbitMqBroker broker, string department, bool decides = true)
        {
            var connection = await new ConnectionFactory { Uri = broker.Amqp, VirtualHost = broker.VirtualHost }.CreateConnectionAsync();
            // Publisher confirms, as docs/messages.md tells a department: RabbitMQ.Client 7 leaves them off unless the
            // channel is created with them, and with tracking on, each publish returns once the broker confirmed it (and
            // throws if it nacked or returned it).
            var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            var queue = "dept." + department;
            // Declared as the engine declares them (durable queue, durable fanout exchange of the same name, bound):
            // whoever comes first creates them, and the other's declaration changes nothing.
            await channel.ExchangeDeclareAsync(queue, ExchangeType.Fanout, durable: true);
            await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(queue, queue, "");
            await channel.BasicQosAsync(0, 16, false);
            var self = new PlainDepartment(connection, channel, department, decides);
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
            await _received.Writer.WriteAsync((type[Urn.Length..], JsonNode.Parse(delivery.Body.Span)!));
            if (type == Urn + "ExecuteStep" && _decides)
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

            // Acknowledged once its reports are published and the broker confirmed them (see StartAsync).
            await _channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        }

        /// <summary>The next message of <paramref name="type"/> on the department's queue (others before it are passed over).</summary>
        public async Task<JsonNode> NextAsync(string type)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (true)
            {
                var (received, body) = await _received.Reader.ReadAsync(timeout.Token);
                if (received == type)
                {
                    return body;
                }
            }
        }

        /// <summary>A report as the department's system writes it, under a new message id.</summary>
        public Task SendAsync(string type, JsonObject body) => PublishAsync(type, JsonSerializer.SerializeToUtf8Bytes(body), Guid.NewGuid().ToString());

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
