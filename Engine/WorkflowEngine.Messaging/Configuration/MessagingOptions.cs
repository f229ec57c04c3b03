using WorkflowEngine.Contracts;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>Settings of the bus (section <c>Messaging</c>).</summary>
public sealed class MessagingOptions
{
    /// <summary><c>in-memory</c> (the all-in-one default) or <c>rabbitmq</c>.</summary>
    public string Transport { get; set; } = Transports.InMemory;

    public RabbitMqOptions RabbitMq { get; set; } = new();

    /// <summary>
    /// How many reports the engine's endpoint works on at once: high, so the group commit can batch them. Every
    /// message wakes each idle slot (MassTransit's executor runs a reader per slot on one channel, and a write wakes
    /// them all), so a limit far above what is in flight costs CPU for nothing.
    /// </summary>
    public int ConcurrentMessageLimit { get; set; } = 256;

    /// <summary>
    /// How many steps a department's endpoint works on at once. A department gets its own share of the traffic, so
    /// it needs fewer slots than the engine; at 256 like the engine, the wake-ups of idle slots were a quarter of all
    /// the memory the benchmark allocated (153 of 587 KiB per bundle; 35 KiB at 32).
    /// </summary>
    public int DepartmentConcurrentMessageLimit { get; set; } = 32;

    /// <summary>
    /// Settings of single queues, by queue name (<c>engine.reports</c>, <c>dept.&lt;code&gt;</c>): each one's prefetch and
    /// concurrency. A queue not named here, or a setting left out, takes the limit of its kind above, as both prefetch and
    /// concurrency.
    /// </summary>
    public Dictionary<string, EndpointOptions> Endpoints { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Retries (about 250 ms, 450 ms, 850 ms, at most 2 s apart) before a message goes to the error queue; invalid messages are not retried.</summary>
    public int RetryLimit { get; set; } = 3;

    /// <summary>The prefetch and concurrency of <paramref name="queue"/>: its own settings, else those of its kind.</summary>
    public EndpointLimits LimitsOf(string queue)
    {
        var own = OwnSettingsOf(queue);
        var concurrency = own?.ConcurrentMessageLimit ?? DefaultLimitOf(queue).Value;
        return new EndpointLimits(own?.PrefetchCount ?? concurrency, concurrency);
    }

    /// <summary>
    /// Stops the host at start, naming the setting, when a limit is not a positive number, a prefetch exceeds what AMQP
    /// carries, a prefetch is below its endpoint's concurrency (the slots above it would never get a message), or an
    /// endpoint is named that is no queue of this system.
    /// </summary>
    public void Validate()
    {
        Positive(nameof(ConcurrentMessageLimit), ConcurrentMessageLimit);
        Positive(nameof(DepartmentConcurrentMessageLimit), DepartmentConcurrentMessageLimit);
        foreach (var (queue, own) in Endpoints)
        {
            var key = $"Endpoints:{queue}";
            if (!string.Equals(queue, Queues.EngineReports, StringComparison.OrdinalIgnoreCase)
                && !(queue.StartsWith(Queues.Department(""), StringComparison.OrdinalIgnoreCase) && queue.Length > Queues.Department("").Length))
            {
                throw new InvalidOperationException(
                    $"Messaging:{key} names no queue of this system: use {Queues.EngineReports} or {Queues.Department("<code>")} (e.g. {Queues.Department("SAMR")}).");
            }

            if (own is null)
            {
                continue;
            }

            if (own.ConcurrentMessageLimit is { } concurrency)
            {
                Positive($"{key}:{nameof(EndpointOptions.ConcurrentMessageLimit)}", concurrency);
            }

            if (own.PrefetchCount is { } prefetch)
            {
                Positive($"{key}:{nameof(EndpointOptions.PrefetchCount)}", prefetch);
                if (prefetch > ushort.MaxValue)
                {
                    throw new InvalidOperationException(
                        $"Messaging:{key}:{nameof(EndpointOptions.PrefetchCount)} is {prefetch}: AMQP carries a prefetch of at most {ushort.MaxValue}.");
                }

                var limits = LimitsOf(queue);
                if (prefetch < limits.ConcurrentMessageLimit)
                {
                    var from = own.ConcurrentMessageLimit is null ? $"Messaging:{DefaultLimitOf(queue).Key}" : $"Messaging:{key}:{nameof(EndpointOptions.ConcurrentMessageLimit)}";
                    throw new InvalidOperationException(
                        $"Messaging:{key}:{nameof(EndpointOptions.PrefetchCount)} is {prefetch}, below the endpoint's concurrency {limits.ConcurrentMessageLimit} ({from}): "
                        + $"the slots above the prefetch would never get a message. Raise the prefetch or set Messaging:{key}:{nameof(EndpointOptions.ConcurrentMessageLimit)} to {prefetch} or less.");
                }
            }
        }
    }

    private EndpointOptions? OwnSettingsOf(string queue)
    {
        foreach (var (name, settings) in Endpoints)
        {
            // Configuration keys ignore case (dept.samr and dept.SAMR are one key), so the lookup does too, whatever
            // dictionary the binder filled.
            if (string.Equals(name, queue, StringComparison.OrdinalIgnoreCase))
            {
                return settings;
            }
        }

        return null;
    }

    private (string Key, int Value) DefaultLimitOf(string queue) =>
        string.Equals(queue, Queues.EngineReports, StringComparison.OrdinalIgnoreCase)
            ? (nameof(ConcurrentMessageLimit), ConcurrentMessageLimit)
            : (nameof(DepartmentConcurrentMessageLimit), DepartmentConcurrentMessageLimit);

    private static void Positive(string key, int value)
    {
        if (value < 1)
        {
            throw new InvalidOperationException($"Messaging:{key} is {value}: it must be a positive number of messages.");
        }
    }
}
