using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Calendars;
using WorkflowEngine.Core.Clocks;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Persistence;
using WorkflowEngine.Persistence.Stores;
using WorkflowEngine.Runtime.Applications;
using WorkflowEngine.Runtime.Processing;
using WorkflowEngine.Runtime.Stores;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The engine's shell: one bad item of a batch fails alone; what it remembers never overrides what is stored.</summary>
[Trait("Category", "Integration")]
public sealed class EngineProcessorTests
{
    [Fact]
    public async Task ReportForAnUnknownApplication_FailsAlone_WhileTheRestOfItsBatchCommits()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var engine = host.Services.GetRequiredService<EngineProcessor>();
        var now = host.Clock.GetUtcNow();

        var unknown = engine.ApplyAsync(Guid.NewGuid(), new StepClaimedEvent("business-licence", 1, "x", now), Guid.NewGuid().ToString(), CancellationToken.None);
        var known = engine.ApplyAsync(id, new StepClaimedEvent("business-licence", 1, "samr-clerk", now), Guid.NewGuid().ToString(), CancellationToken.None);

        await Assert.ThrowsAsync<UnknownApplicationException>(() => unknown);
        Assert.Equal(EventResult.Applied, await known);
    }

    [Fact]
    public async Task AnApplicationAnotherProcessMovedOn_IsReadAgain_AndItsChangeKept()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var engine = host.Services.GetRequiredService<EngineProcessor>();
        var now = host.Clock.GetUtcNow();
        // The department's acknowledgement of the step is the last change that comes by itself.
        await AllInOneHost.EventuallyAsync(
            () => host.ScalarAsync("SELECT COUNT(*) FROM audit_events WHERE application_id = @Id AND type = 'StepReceived'", new { Id = id.ToString() }),
            n => n == 1,
            "the licence step's acknowledgement");
        Assert.Equal(EventResult.Applied, await engine.ApplyAsync(id, new StepClaimedEvent("business-licence", 1, "samr-clerk", now), Guid.NewGuid().ToString(), CancellationToken.None));

        // Another engine process saves the application behind this one's back (here: an extension of the bundle's
        // clock, which moves its promised due time), so what this engine remembers from its last commit is out of date.
        var store = new SqlEngineStore(host.Services.GetRequiredService<Database>());
        ApplicationRecord stored;
        await using (var reader = await store.OpenReaderAsync(CancellationToken.None))
        {
            stored = (await reader.LoadApplicationsAsync([id], CancellationToken.None)).Single();
        }

        // One working day from Monday 2 March, and three more: close of office on Friday 6 March.
        var promised = new DateTimeOffset(2026, 3, 6, 17, 30, 0, TimeSpan.FromHours(8));
        stored.State.Clock!.Add(ClockEvent.Extended(now, "admin", "另一进程批准的延期", WorkingTimeLimit.Days(3)));
        var theirs = new EngineChanges();
        theirs.Updated.Add(stored);
        await store.SaveAsync(theirs, now, CancellationToken.None);

        // This engine's next change is made on the stored state: it goes through, and the other change stays.
        var licensed = new StepCompletedEvent("business-licence", 1, StepOutcome.Approved, null, new Dictionary<string, string> { ["licenceNumber"] = "91350100M000100Y43" }, "samr-clerk", now, true)
        {
            Department = "SAMR",
        };
        Assert.Equal(EventResult.Applied, await engine.ApplyAsync(id, licensed, Guid.NewGuid().ToString(), CancellationToken.None));
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal(promised, application.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("approved", application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "business-licence").GetProperty("outcome").GetString());
    }
}
