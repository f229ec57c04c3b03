using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A verification task (事后核查) of a step approved on commitment (告知承诺制) runs on a clock of its own, against the
/// commitment's <c>verificationLimit</c>: the applicant and the administrator see it among the application's clocks,
/// the department's task gets its yellow and then its red card once each — also across a restart of the host — the
/// definition's escalation rule applies to it, the supervisors list it among their yellow and red steps, and the clock
/// stops when the clerk decides the verification.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VerificationClockTests
{
    private const string Service = "shell-verification-clock";

    private const string Text = "本单位承诺：城建档案于竣工验收后三个月内移交。";

    private const string Yaml = $$"""
        id: {{Service}}
        title: 竣工验收备案
        timeLimits:
          statutory: { workingDays: 20 }
          promised: { workingDays: 10 }
          escalation: [ { card: red, after: { workingHours: 1 }, priority: urgent, supervise: true } ]
        form:
          - { key: projectName, label: 项目名称, type: text, required: true }
        flow:
          - id: archives
            activity: department-task
            title: 城建档案验收
            department: ARCH
            limit: { workingDays: 5 }
            commitment: { text: "{{Text}}", verifyWithin: { workingDays: 3 }, verificationLimit: { workingDays: 2 } }
        """;

    [Fact]
    public async Task AVerificationTask_HasItsOwnClock_CardsOnceAcrossARestart_Escalates_AndStopsWhenDecided()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-test-");
        try
        {
            Guid id;
            string task;
            DateTimeOffset dueAt;
            DateTimeOffset stopped;
            await using (var host = await AllInOneHost.StartInAsync(directory))
            {
                await host.StoreAsPublishedAsync(Service, "竣工验收备案", Yaml);
                using var citizen = host.Client("zhangsan");
                using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = Service, form = new { projectName = "滨江花园" } });
                Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
                id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                await host.TaskOfAsync(id, "ARCH", "arch-clerk");
                using var signed = await citizen.PostAsJsonAsync($"/api/applications/{id}/commitments",
                    new { step = "archives", accept = true, textSha256 = Core.Model.CommitmentRules.Sha256Of(Text) });
                signed.EnsureSuccessStatusCode();
                var verifyAt = CommitmentFlow.Step(await signed.Content.ReadFromJsonAsync<JsonElement>(), "archives")
                    .GetProperty("commitment").GetProperty("verifyAt").GetDateTimeOffset();

                // Before the verification there is no clock for it.
                Assert.DoesNotContain((await ClocksAsync(host, id)).EnumerateArray(), c => c.GetProperty("kind").GetString() == "verification");

                task = await CommitmentFlow.VerificationTaskAsync(host, verifyAt);

                // Its clock runs from the dispatch, against the commitment's two working days, with no card yet.
                var clock = Verification(await ClocksAsync(host, id));
                Assert.Equal(("archives:verify", "事后核查：城建档案验收", "running"),
                    (clock.GetProperty("id").GetString(), clock.GetProperty("title").GetString(), clock.GetProperty("status").GetString()));
                var promised = clock.GetProperty("promised");
                Assert.Equal(("2 个工作日", "none"), (promised.GetProperty("limit").GetString(), promised.GetProperty("warning").GetString()));
                Assert.Equal(JsonValueKind.Null, clock.GetProperty("statutory").ValueKind);
                dueAt = promised.GetProperty("dueAt").GetDateTimeOffset();
                Assert.Equal(dueAt, (await TaskAsync(host, task)).GetProperty("dueAt").GetDateTimeOffset());
                var yellowAt = promised.GetProperty("yellowAt").GetDateTimeOffset();

                // At three quarters of it the clerk's task turns yellow, and the supervisors list it.
                host.Clock.Advance(yellowAt - host.Clock.GetUtcNow());
                await host.FireDueTimersAsync();
                await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("warning").GetString() == "yellow", "the yellow card");
                var listed = Assert.Single((await host.GetJsonAsync("arch-supervisor", "/api/departments/ARCH/warnings")).EnumerateArray());
                Assert.Equal((id, "archives", "yellow", "事后核查：城建档案验收"), (listed.GetProperty("applicationId").GetGuid(),
                    listed.GetProperty("stepId").GetString(), listed.GetProperty("warning").GetString(), listed.GetProperty("title").GetString()));
                stopped = host.Clock.GetUtcNow();
            }

            await using (var host = await AllInOneHost.StartInAsync(directory, stopped))
            {
                // After the restart the yellow card is not given again; past the due time the red comes, and an office
                // hour after it (the next working day) the definition's rule escalates the task to the supervisors.
                await host.FireDueTimersAsync();
                host.Clock.Advance(dueAt - host.Clock.GetUtcNow() + TimeSpan.FromDays(1));
                await host.FireDueTimersAsync();
                var escalated = await AllInOneHost.EventuallyAsync(
                    () => TaskAsync(host, task), t => t.GetProperty("warning").GetString() == "red" && t.GetProperty("priority").GetString() == "urgent",
                    "the red card and the escalation on the verification task");
                Assert.NotEqual(JsonValueKind.Null, escalated.GetProperty("supervisedAt").ValueKind);
                Assert.Contains((await host.GetJsonAsync("arch-supervisor", "/api/departments/ARCH/notices")).EnumerateArray(),
                    n => n.GetProperty("kind").GetString() == "escalated");
                Assert.Equal("red", Assert.Single((await host.GetJsonAsync("arch-supervisor", "/api/departments/ARCH/warnings?level=red")).EnumerateArray())
                    .GetProperty("warning").GetString());
                Assert.Equal("red", Verification(await ClocksAsync(host, id)).GetProperty("promised").GetProperty("warning").GetString());

                // Looked at again, nothing more is given.
                host.Clock.Advance(TimeSpan.FromHours(2));
                await host.FireDueTimersAsync();
                var audit = await AuditAsync(host, id);
                Assert.Equal(["yellow", "red"], audit.Where(e => e.GetProperty("type").GetString() == "DeadlineWarning" && e.GetProperty("stepId").GetString() == "archives")
                    .Select(e => e.GetProperty("data").GetProperty("level").GetString()));
                Assert.Single(audit, e => e.GetProperty("type").GetString() == "Escalated");

                // The clerk finds the archives handed over: the clock stops, and the supervisors' list is empty.
                using var clerk = host.Client("arch-clerk");
                (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
                (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
                var clock = await AllInOneHost.EventuallyAsync(
                    async () => Verification(await ClocksAsync(host, id)), c => c.GetProperty("status").GetString() == "stopped", "the verification clock to stop");
                Assert.Equal("stop", clock.GetProperty("events").EnumerateArray().Last().GetProperty("kind").GetString());
                Assert.Empty((await host.GetJsonAsync("arch-supervisor", "/api/departments/ARCH/warnings")).EnumerateArray());
                host.Clock.Advance(TimeSpan.FromDays(7));
                await host.FireDueTimersAsync();
                Assert.Equal(2, (await AuditAsync(host, id)).Count(e => e.GetProperty("type").GetString() == "DeadlineWarning"));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<JsonElement> ClocksAsync(AllInOneHost host, Guid id) =>
        (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks")).GetProperty("clocks");

    private static JsonElement Verification(JsonElement clocks) => clocks.EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "verification");

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("task");

    private static async Task<JsonElement[]> AuditAsync(AllInOneHost host, Guid id) =>
        (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
}
