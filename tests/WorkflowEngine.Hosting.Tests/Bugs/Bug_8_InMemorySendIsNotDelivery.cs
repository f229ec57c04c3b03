using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 1 of the hardening issue: the relay deleted an outbox row as soon as the in-memory bus accepted its
/// message, before the receiver had committed anything; a crash in between lost the message for ever (steps
/// dispatched with no department task, decisions answered 200 that never reached the engine). A row now stays until
/// its receiver has committed it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_InMemorySendIsNotDelivery
{
    private const string Yaml = """
        id: held-step
        title: 暂停的步骤
        timeLimits: { statutory: { workingDays: 5 }, promised: { workingDays: 3 } }
        form:
          - { key: name, label: 姓名, type: text, required: true }
        flow:
          - { id: check, activity: department-task, title: 核查, department: HRSS, limit: { workingDays: 1 }, handler: hold }
        """;

    [Fact]
    public async Task OutboxRow_StaysUntilTheReceiverCommitted_NotJustUntilTheBusAcceptedIt()
    {
        var hold = new HoldingHandler();
        await using var host = await AllInOneHost.StartAsync(configure: b => b.Services.AddSingleton<IAutomatedStepHandler>(hold));
        await host.PublishAsync(Yaml);

        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "held-step", form = new { name = "张三" } });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // The bus has handed the step to the department host, which is still working on it: nothing is committed there.
        await hold.Entered.Task.WaitAsync(TimeSpan.FromSeconds(20));
        // Long enough for the relay, quiet for over a second, to have deleted whatever it counted as delivered.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, await host.ScalarAsync("SELECT COUNT(*) FROM outbox WHERE message_type = 'ExecuteStep'"));

        hold.Release.SetResult();
        await AllInOneHost.EventuallyAsync(
            () => host.ScalarAsync("SELECT COUNT(*) FROM outbox"),
            count => count == 0,
            "the outbox to empty once the department host committed the step");
        var app = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("status").GetString() == "completed",
            "the application to finish");
        Assert.Equal("approved", app.GetProperty("steps")[0].GetProperty("status").GetString());
    }

    /// <summary>An automated handler that waits for the test before it decides.</summary>
    private sealed class HoldingHandler : IAutomatedStepHandler
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Key => "hold";

        public async Task<AutomatedResult> HandleAsync(ExecuteStep step, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return AutomatedResult.Approve();
        }
    }
}
