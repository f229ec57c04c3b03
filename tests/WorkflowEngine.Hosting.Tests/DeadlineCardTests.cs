using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkflowEngine.Runtime.Timers;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The engine gives the yellow and red cards (红黄牌预警) by itself, as the clock passes them: each once, audited, shown
/// on the clerk's task, and a red one left as a notice for the department's supervisors — also when the host restarts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeadlineCardTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task TheLicenceStep_IsGivenYellowThenRed_EachOnce_TheClerkSeesIt_AndTheSupervisorIsTold()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-cards-");
        try
        {
            Guid id;
            await using (var host = await AllInOneHost.StartInAsync(directory))
            {
                id = await host.SubmitBusinessOpeningAsync();
                var task = await LicenceTaskAsync(host);

                // Two office hours from 09:00: yellow at 10:30.
                host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 10, 31, 0, Cst) - host.Clock.GetUtcNow());
                await AllInOneHost.EventuallyAsync(
                    () => TaskAsync(host, task), t => t.GetProperty("warning").GetString() == "yellow", "the yellow card on the clerk's task");
                Assert.Empty((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray());
            }

            // The host restarts; the timer of the red card survives it, and the yellow one is not given again.
            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 3, 2, 11, 1, 0, Cst)))
            {
                var task = await LicenceTaskAsync(host);
                // Time moves on while the test waits, as it does for real: a timer or a message whose first try failed
                // while the host was starting is tried again once its lease runs out (30 s), never lost. A frozen clock
                // would make such a retry wait forever.
                await AllInOneHost.EventuallyAsync(
                    async () =>
                    {
                        host.Clock.Advance(TimeSpan.FromSeconds(1));
                        return await TaskAsync(host, task);
                    },
                    t => t.GetProperty("warning").GetString() == "red",
                    "the red card on the clerk's task");
                var notice = Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray());
                Assert.Equal("red", notice.GetProperty("kind").GetString());
                Assert.Equal(new DateTimeOffset(2026, 3, 2, 11, 0, 0, Cst), notice.GetProperty("dueAt").GetDateTimeOffset());
                Assert.Contains("已超过办理时限", notice.GetProperty("message").GetString(), StringComparison.Ordinal);
                using var clerk = host.Client("samr-clerk");
                Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/departments/SAMR/notices")).StatusCode);

                // However often the timers are looked at, nothing is given twice.
                var timers = host.Services.GetServices<IHostedService>().OfType<TimerPoller>().Single();
                host.Clock.Advance(TimeSpan.FromHours(1));
                await timers.FireDueAsync(CancellationToken.None);
                await timers.FireDueAsync(CancellationToken.None);
                var cards = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                    .Where(e => e.GetProperty("type").GetString() == "DeadlineWarning" && e.GetProperty("stepId").GetString() == "business-licence")
                    .Select(e => e.GetProperty("data").GetProperty("level").GetString()!)
                    .ToArray();
                Assert.Equal(["yellow", "red"], cards);
                // An hour later the business-opening's escalation rule may have come too (EscalationTests): one red notice still.
                Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray(),
                    n => n.GetProperty("kind").GetString() == "red");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AStepsStatutoryRed_ReachesItsSupervisors_AfterItsPromisedRed_EachOnce()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await host.SubmitBusinessOpeningAsync();
        await LicenceTaskAsync(host);

        async Task<string[]> RedNoticesAsync(DateTimeOffset at, int expected) =>
            [.. (await AllInOneHost.EventuallyAsync(
                async () =>
                {
                    if (host.Clock.GetUtcNow() < at)
                    {
                        host.Clock.Advance(at - host.Clock.GetUtcNow());
                    }

                    host.Clock.Advance(TimeSpan.FromSeconds(1));
                    return (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray()
                        .Where(n => n.GetProperty("kind").GetString() == "red").ToArray();
                },
                n => n.Length == expected,
                $"{expected} red notices")).Select(n => n.GetProperty("message").GetString()!)];

        // The promised two hours pass at 11:00 on Monday; the statutory three working days (市场主体登记管理条例 Art. 19) at
        // the close of Thursday: the task is red already, and the supervisors are told again, of the graver one.
        var first = await RedNoticesAsync(new DateTimeOffset(2026, 3, 2, 11, 1, 0, Cst), 1);
        Assert.Contains("已超过办理时限", Assert.Single(first), StringComparison.Ordinal);
        var both = await RedNoticesAsync(new DateTimeOffset(2026, 3, 5, 17, 31, 0, Cst), 2);
        Assert.Single(both, m => m.Contains("已超过法定时限（2026-03-05 17:30）", StringComparison.Ordinal));
        await host.FireDueTimersAsync();
        Assert.Equal(2, (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray()
            .Count(n => n.GetProperty("kind").GetString() == "red"));
    }

    private static async Task<string> LicenceTaskAsync(AllInOneHost host) =>
        (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");
}
