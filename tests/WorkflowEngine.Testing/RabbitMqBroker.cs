using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace WorkflowEngine.Testing;

/// <summary>
/// The RabbitMQ node the test run started (<c>.ci/rabbitmq.sh</c>, named by <c>WFE_TEST_RABBITMQ</c>), with a virtual
/// host of its own per test, so that hosts of tests running side by side never see each other's queues.
/// </summary>
public sealed class RabbitMqBroker : IAsyncDisposable
{
    public const string Variable = "WFE_TEST_RABBITMQ";

    public const string NotConfigured =
        Variable + " is not set: these tests need a RabbitMQ node; `bash .ci/run` starts one (.ci/rabbitmq.sh) and sets it.";

    private readonly HttpClient _management;

    private RabbitMqBroker(Uri amqp, HttpClient management, string virtualHost)
    {
        Amqp = amqp;
        _management = management;
        VirtualHost = virtualHost;
    }

    public static bool IsConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable));

    public Uri Amqp { get; }

    public string VirtualHost { get; }

    public string Username => Uri.UnescapeDataString(Amqp.UserInfo.Split(':')[0]);

    public string Password => Uri.UnescapeDataString(Amqp.UserInfo.Split(':')[1]);

    /// <summary>The node, with a fresh virtual host (deleted when disposed).</summary>
    public static async Task<RabbitMqBroker> CreateAsync()
    {
        // "amqp://user:password@host:port/;management=http://host:port"
        var parts = Environment.GetEnvironmentVariable(Variable)!.Trim().Trim('"').Split(";management=");
        var amqp = new Uri(parts[0]);
        var management = new HttpClient { BaseAddress = new Uri(parts[1]), Timeout = TimeSpan.FromSeconds(20) };
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo)));
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        var broker = new RabbitMqBroker(amqp, management, "wfe-test-" + Guid.NewGuid().ToString("N")[..12]);
        (await management.PutAsync($"/api/vhosts/{broker.VirtualHost}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync(
            $"/api/permissions/{broker.VirtualHost}/{Uri.EscapeDataString(broker.Username)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
        return broker;
    }

    /// <summary>The host settings that put its bus on this virtual host.</summary>
    public string[] HostArgs =>
    [
        "--Messaging:Transport=rabbitmq",
        $"--Messaging:RabbitMq:Host={Amqp.Host}",
        $"--Messaging:RabbitMq:Port={Amqp.Port}",
        $"--Messaging:RabbitMq:VirtualHost={VirtualHost}",
        $"--Messaging:RabbitMq:Username={Username}",
        $"--Messaging:RabbitMq:Password={Password}",
    ];

    /// <summary>A queue as the broker's management API describes it (durable, messages, type …), or null.</summary>
    public async Task<System.Text.Json.JsonElement?> QueueAsync(string name)
    {
        using var response = await _management.GetAsync($"/api/queues/{VirtualHost}/{Uri.EscapeDataString(name)}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>() : null;
    }

    /// <summary>
    /// Waits until a queue has a consumer. A queue that merely exists may not be bound to its exchange yet (MassTransit
    /// declares the queue, then binds it, then consumes), and a message published in between is dropped.
    /// </summary>
    public async Task WaitForConsumerAsync(string queue, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var described = await QueueAsync(queue);
            if (described is { } q && q.TryGetProperty("consumers", out var consumers) && consumers.GetInt32() > 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No consumer on {queue} after {(timeout ?? TimeSpan.FromSeconds(20)).TotalSeconds}s; last seen: {described}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The prefetch of each consumer of <paramref name="queue"/>, as the broker holds it (its <c>basic.qos</c>).</summary>
    public async Task<int[]> PrefetchOfConsumersAsync(string queue)
    {
        using var response = await _management.GetAsync($"/api/consumers/{VirtualHost}");
        response.EnsureSuccessStatusCode();
        var consumers = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        return consumers.EnumerateArray()
            .Where(c => c.GetProperty("queue").GetProperty("name").GetString() == queue)
            .Select(c => c.GetProperty("prefetch_count").GetInt32())
            .ToArray();
    }

    /// <summary>What the management API answers for <paramref name="path"/> under this virtual host, e.g. <c>/api/queues/{vhost}</c>.</summary>
    public async Task<System.Text.Json.JsonElement> ManagementAsync(string path)
    {
        using var response = await _management.GetAsync(path.Replace("{vhost}", Uri.EscapeDataString(VirtualHost), StringComparison.Ordinal));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    /// <summary>Takes up to <paramref name="count"/> messages off a queue (their bodies and headers), for a look.</summary>
    public async Task<System.Text.Json.JsonElement> TakeAsync(string queue, int count)
    {
        using var response = await _management.PostAsJsonAsync(
            $"/api/queues/{VirtualHost}/{Uri.EscapeDataString(queue)}/get",
            new { count, ackmode = "ack_requeue_false", encoding = "auto" });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var deleted = await _management.DeleteAsync($"/api/vhosts/{VirtualHost}");
        }
        catch (HttpRequestException)
        {
            // The node went away first; its data folder goes with the test run.
        }

        _management.Dispose();
    }
}
