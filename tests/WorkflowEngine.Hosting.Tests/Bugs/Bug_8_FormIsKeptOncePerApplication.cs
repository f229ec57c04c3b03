using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 7 of the hardening issue (in part): the combined form was copied into every department task, so a large
/// form filled the database once per step (26 MB for one request). In the all-in-one host, where the engine and the
/// departments share one database, the form is now kept once: the tasks' payloads carry none, and the clerk still sees
/// the whole application.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_FormIsKeptOncePerApplication
{
    [Fact]
    public async Task DepartmentTasks_KeepNoCopyOfTheForm_AndTheClerkStillSeesIt()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var step = await host.ReceivedLicenceStepAsync();
        Assert.Equal("福州闽江数字科技有限公司", step.Form!.Value.GetProperty("companyName").GetString());

        var tasks = await host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks");
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{tasks[0].GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsync($"/api/tasks/{tasks[0].GetProperty("id").GetString()}/complete",
            new StringContent("""{"outcome":"approved"}""", System.Text.Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => host.ScalarAsync("SELECT COUNT(*) FROM department_tasks WHERE application_id = @Id", new { Id = id.ToString() }),
            n => n >= 7,
            "the parallel steps' tasks");

        Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM department_tasks WHERE payload_json LIKE '%福州闽江%'"));
        Assert.Equal(0, await host.ScalarAsync("SELECT COUNT(*) FROM department_forms"));
        Assert.Equal(1, await host.ScalarAsync("SELECT COUNT(*) FROM applications WHERE form_json LIKE '%福州闽江%'"));
    }
}
