using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;
using Xunit.Abstractions;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// What a consumer does when its work fails, on a real RabbitMQ node: a department database that fails for a moment
/// costs the step a few retries, each waiting longer than the one before, and no task twice; one that keeps failing
/// sends the step to <c>dept.&lt;code&gt;_error</c> after <c>Messaging:RetryLimit</c> retries, with the exception in the
/// message's headers, and keeps it for an administrator.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConsumerRetryTests(ITestOutputHelper output)
{
    private const string Licence = "business-licence";

    [RabbitMqFact]
    public async Task ExecuteStep_FailingTransiently_IsRetriedWithGrowingIntervals_AndBecomesOneTask()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        var store = new FlakyDepartmentStore(Licence, failures: 3);
        await using var host = await StartAsync(broker, store, retryLimit: 3);

        var id = await host.SubmitBusinessOpeningAsync();
        var tasks = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all"), t => t.GetArrayLength() > 0, "the licence task");

        Assert.Equal(id, Assert.Single(tasks.EnumerateArray()).GetProperty("applicationId").GetGuid());
        // Three failures and the attempt that succeeded, the retries waiting about 250 ms, 450 ms and 850 ms: each wait
        // at least the policy's least.
        var gaps = store.Gaps();
        Assert.Equal(3, gaps.Length);
        AssertBackOff(gaps);
        Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM failed_messages"));
        Assert.Equal(0, (await broker.QueueAsync(Queues.Department("SAMR") + "_error"))?.GetProperty("messages").GetInt32() ?? 0);
    }

    [RabbitMqFact]
    public async Task ExecuteStep_FailingEveryTime_GoesToTheErrorQueueAfterTheConfiguredRetries_WithTheExceptionInItsHeaders()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        var store = new FlakyDepartmentStore(Licence, failures: int.MaxValue);
        await using var host = await StartAsync(broker, store, retryLimit: 2);

        await host.SubmitBusinessOpeningAsync();
        var errors = Queues.Department("SAMR") + "_error";
        // The error queue is declared when the first message is moved to it.
        var moved = (await AllInOneHost.EventuallyAsync(
            async () => await broker.QueueAsync(errors) is null ? (JsonElement?)null : await broker.TakeAsync(errors, 5),
            m => m?.GetArrayLength() > 0, "the step in dept.SAMR_error"))!.Value[0];

        // The first attempt and the two retries the setting allows, then no more.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var gaps = store.Gaps();
        Assert.Equal(2, gaps.Length);
        AssertBackOff(gaps);
        var headers = moved.GetProperty("properties").GetProperty("headers");
        output.WriteLine(headers.ToString());
        Assert.Equal(typeof(IOException).FullName, headers.GetProperty("MT-Fault-ExceptionType").GetString());
        Assert.Contains(FlakyDepartmentStore.Reason, headers.GetProperty("MT-Fault-Message").GetString(), StringComparison.Ordinal);
        Assert.Contains(nameof(ExecuteStep), headers.GetProperty("MT-MessageType").GetString(), StringComparison.Ordinal);
        Assert.Contains(Licence, moved.GetProperty("payload").GetString(), StringComparison.Ordinal);
        var failed = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/failed-messages"), f => f.GetArrayLength() == 1, "the step kept for an administrator");
        Assert.Equal("dept.SAMR", failed[0].GetProperty("queue").GetString());
        Assert.Contains(FlakyDepartmentStore.Reason, failed[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM department_tasks"));
    }

    /// <summary>
    /// The least wait before each retry: MassTransit's exponential policy as RetryingConsumerDefinition sets it waits
    /// 50 ms plus 2^n times 200 ms (drawn ± 20 %) before retry n + 1, give or take a quarter, at most 2 s — so the third
    /// wait is longer than the first can ever be.
    /// </summary>
    private void AssertBackOff(TimeSpan[] gaps)
    {
        output.WriteLine($"waits before the retries: {string.Join(", ", gaps.Select(g => $"{g.TotalMilliseconds:0} ms"))}");
        for (var n = 0; n < gaps.Length; n++)
        {
            var least = TimeSpan.FromMilliseconds(0.75 * (50 + Math.Pow(2, n) * 160));
            Assert.True(gaps[n] >= least, $"retry {n + 1} came {gaps[n].TotalMilliseconds:0} ms after the attempt before, sooner than {least.TotalMilliseconds} ms");
        }
    }

    private static Task<AllInOneHost> StartAsync(RabbitMqBroker broker, FlakyDepartmentStore store, int retryLimit) =>
        AllInOneHost.StartAsync(
            configure: builder =>
            {
                var sql = builder.Services.Last(d => d.ServiceType == typeof(IDepartmentStore));
                builder.Services.AddSingleton<IDepartmentStore>(sp => store.Over((IDepartmentStore)sql.ImplementationFactory!(sp)));
            },
            extraArgs: [.. broker.HostArgs, $"--Messaging:RetryLimit={retryLimit}"]);

    /// <summary>
    /// The department's database, failing to store one step's task the first <c>failures</c> times, and noting when
    /// each attempt came (by the wall clock: MassTransit waits between retries in real time).
    /// </summary>
    private sealed class FlakyDepartmentStore(string stepId, int failures) : IDepartmentStore
    {
        public const string Reason = "the department database did not answer";

        private readonly List<long> _attempts = [];
        private IDepartmentStore? _inner;
        private int _failures = failures;

        public IDepartmentStore Over(IDepartmentStore inner)
        {
            _inner = inner;
            return this;
        }

        /// <summary>The time between each attempt and the next.</summary>
        public TimeSpan[] Gaps()
        {
            lock (_attempts)
            {
                return _attempts.Zip(_attempts.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b)).ToArray();
            }
        }

        public Task<IDepartmentReader> OpenReaderAsync(CancellationToken cancellationToken) => _inner!.OpenReaderAsync(cancellationToken);

        public Task SaveAsync(DepartmentChanges changes, DateTimeOffset now, CancellationToken cancellationToken)
        {
            if (!changes.Inserted.Any(t => t.StepId == stepId))
            {
                return _inner!.SaveAsync(changes, now, cancellationToken);
            }

            // A batch of several messages that fails is written again one message at a time: one attempt of the
            // consumer is the write of its message alone.
            if (changes.Inbox.Count == 1)
            {
                lock (_attempts)
                {
                    _attempts.Add(Stopwatch.GetTimestamp());
                    if (_failures-- <= 0)
                    {
                        return _inner!.SaveAsync(changes, now, cancellationToken);
                    }
                }
            }

            throw new IOException(Reason);
        }
    }
}
