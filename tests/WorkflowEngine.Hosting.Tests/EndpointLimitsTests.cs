using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Each queue's prefetch and concurrency (<c>Messaging:Endpoints:&lt;queue&gt;</c>, falling back to the limits of its
/// kind): what the broker holds for each consumer, and the settings that stop the host at start, naming themselves.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EndpointLimitsTests
{
    [RabbitMqFact]
    public async Task OneDepartmentQueue_SetApart_HasItsOwnPrefetch_TheOthersTheirKinds()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var host = await AllInOneHost.StartAsync(extraArgs:
        [
            .. broker.HostArgs,
            "--Messaging:DepartmentConcurrentMessageLimit=8",
            "--Messaging:Endpoints:dept.SAMR:PrefetchCount=12",
            "--Messaging:Endpoints:dept.SAMR:ConcurrentMessageLimit=4",
            "--Messaging:Endpoints:engine.reports:PrefetchCount=300",
        ]);

        foreach (var (queue, prefetch) in new[]
                 {
                     (Queues.Department("SAMR"), 12),
                     // Not named: the department limit, as both prefetch and concurrency.
                     (Queues.Department("PSB"), 8),
                     (Queues.Department("TAX"), 8),
                     // Named with a prefetch only: its concurrency stays Messaging:ConcurrentMessageLimit (256).
                     (Queues.EngineReports, 300),
                 })
        {
            await broker.WaitForConsumerAsync(queue);
            // The management API lists consumers from statistics it gathers every few seconds, later than the queue's
            // own consumer count that WaitForConsumerAsync reads (the list was still empty once in a CI run, 12-02).
            var consumers = await AllInOneHost.EventuallyAsync(
                () => broker.PrefetchOfConsumersAsync(queue), c => c.Length > 0, $"the consumers of {queue} in the management API", timeoutSeconds: 30);
            Assert.All(consumers, p => Assert.Equal(prefetch, p));
        }
    }

    [Theory]
    [InlineData("--Messaging:Endpoints:dept.SAMR:PrefetchCount=0", "Messaging:Endpoints:dept.SAMR:PrefetchCount")]
    [InlineData("--Messaging:Endpoints:dept.SAMR:ConcurrentMessageLimit=-1", "Messaging:Endpoints:dept.SAMR:ConcurrentMessageLimit")]
    [InlineData("--Messaging:Endpoints:engine.reports:PrefetchCount=70000", "Messaging:Endpoints:engine.reports:PrefetchCount")]
    // Below the department limit it falls back on (32): the slots above the prefetch would never be used.
    [InlineData("--Messaging:Endpoints:dept.PSB:PrefetchCount=16", "Messaging:DepartmentConcurrentMessageLimit")]
    [InlineData("--Messaging:Endpoints:dept.samr:PrefetchCount=fast", "Messaging:Endpoints:dept.samr:PrefetchCount")]
    [InlineData("--Messaging:Endpoints:engine.report:PrefetchCount=10", "Messaging:Endpoints:engine.report")]
    [InlineData("--Messaging:ConcurrentMessageLimit=0", "Messaging:ConcurrentMessageLimit")]
    public void AnEndpointSettingOutOfRange_StopsTheHost_SayingWhich(string setting, string named)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AllInOneApp.Build(
            ["--environment=Development", "--urls=http://127.0.0.1:0", $"--Engine:DefinitionsPath={RepositoryPaths.Definitions}", setting]));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
