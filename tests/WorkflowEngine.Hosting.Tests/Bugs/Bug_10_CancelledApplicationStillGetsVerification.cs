using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// An administrator cancelled an incident whose flow could not run even to be cancelled (its definition no longer
/// loaded): the engine ended the application itself, but left its timers and its step rows as they were. Once the
/// definition loaded again, the pending verification (事后核查) of a step approved on commitment fired and the archives
/// clerk got a verification task for a cancelled application. Now the cancellation drops every timer the application
/// has, drops the verification with a trail line, and the steps it recalled show cancelled.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_CancelledApplicationStillGetsVerification
{
    private const string Service = "shell-cancel-commitment";

    private const string Text = "本单位承诺：城建档案于竣工验收后三个月内移交。";

    private const string Yaml = $$"""
        id: {{Service}}
        title: 竣工验收备案
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: projectName, label: 项目名称, type: text, required: true }
        flow:
          - id: archives
            activity: department-task
            title: 城建档案验收
            department: ARCH
            limit: { workingDays: 2 }
            commitment: { text: "{{Text}}", verifyWithin: { workingDays: 3 } }
          - { id: registration, activity: department-task, title: 不动产登记, department: REG, limit: { workingDays: 2 } }
        """;

    [Fact]
    public async Task AnApplicationCancelledWhileItsFlowCannotRun_GetsNoVerificationTask_OnceItsDefinitionLoadsAgain()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-test-");
        try
        {
            Guid id;
            DateTimeOffset verifyAt;
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
                verifyAt = CommitmentFlow.Step(await signed.Content.ReadFromJsonAsync<JsonElement>(), "archives").GetProperty("commitment").GetProperty("verifyAt").GetDateTimeOffset();
                await host.TaskOfAsync(id, "REG", "reg-clerk");

                // A later release reads the stored definition no more.
                await host.ScalarAsync("UPDATE definitions SET source = @Source WHERE id = @Id", new { Source = "id: [no longer loads", Id = Service });
                stopped = host.Clock.GetUtcNow();
            }

            await using (var host = await AllInOneHost.StartInAsync(directory, stopped))
            {
                var task = await host.TaskOfAsync(id, "REG", "reg-clerk");
                using (var clerk = host.Client("reg-clerk"))
                {
                    (await clerk.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
                }

                var incident = (await AllInOneHost.EventuallyAsync(
                    () => host.GetJsonAsync("admin", "/api/incidents"), i => i.GetArrayLength() == 1, "the incident"))[0];
                using (var admin = host.Client("admin"))
                {
                    using var cancelled = await admin.PostAsJsonAsync($"/api/incidents/{incident.GetProperty("id").GetString()}/cancel", new { reason = "定义已无法读取，请重新申请" });
                    Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
                }

                // Nothing of the application is left to fire.
                Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM timers WHERE application_id = @Id", new { Id = id.ToString() }));

                // The definition is repaired; the verification's time comes and goes.
                await host.ScalarAsync("UPDATE definitions SET source = @Source WHERE id = @Id", new { Source = Yaml, Id = Service });
                host.Clock.Advance(verifyAt - host.Clock.GetUtcNow() + TimeSpan.FromHours(1));
                await host.FireDueTimersAsync();

                await AllInOneHost.EventuallyAsync(
                    () => host.GetJsonAsync("reg-clerk", "/api/departments/REG/tasks?status=open"), t => t.GetArrayLength() == 0, "the registration task to be recalled");
                Assert.Equal(0, (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open")).GetArrayLength());
                var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
                Assert.Equal("cancelled", application.GetProperty("status").GetString());
                Assert.Equal("dropped", CommitmentFlow.Step(application, "archives").GetProperty("commitment").GetProperty("status").GetString());
                Assert.Equal("cancelled", CommitmentFlow.Step(application, "registration").GetProperty("status").GetString());
                var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
                Assert.DoesNotContain(audit, e => e.GetProperty("type").GetString() == "CommitmentVerificationDispatched");
                var dropped = Assert.Single(audit, e => e.GetProperty("type").GetString() == "CommitmentVerificationDropped");
                Assert.Equal("定义已无法读取，请重新申请", dropped.GetProperty("data").GetProperty("reason").GetString());
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
