using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace WorkflowEngine.Benchmarks;

/// <summary>
/// <c>--allocations</c>: which types the measured run allocated, from the runtime's allocation samples (one event per
/// ~100 KB allocated, naming the type whose allocation crossed the mark), so a type's share is an estimate. This is how
/// the wake-ups of idle MassTransit consumer slots showed up: a quarter of all bytes, as channel wait operations.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private volatile bool _stopped;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (_stopped || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        var type = e.PayloadNames.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var bytes = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 0;
        _bytes.AddOrUpdate(type, bytes, (_, sum) => sum + bytes);
    }

    public void Print(int bundles)
    {
        _stopped = true;
        var total = Math.Max(1, _bytes.Values.Sum());
        Console.WriteLine("allocations by type (sampled):");
        foreach (var (type, bytes) in _bytes.OrderByDescending(kv => kv.Value).Take(25))
        {
            Console.WriteLine($"  {bytes / 1024d / bundles,7:F1} KiB per bundle {100d * bytes / total,5:F1} %  {type}");
        }
    }
}
