using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 容缺受理 whose definition ends the application (<c>deferrals.onOverdue: end-application</c>), over the real host: the
/// deferred material still missing at its due time ends the application with the reason the applicant reads, and the
/// departments' clerks no longer hold its tasks.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DeferredMaterialEndsApplicationTests
{
    [Fact]
    public async Task ADeferredMaterialMissingAtItsDueTime_EndsTheApplication_WithTheReason_AndTheDepartmentsDropTheirTasks()
    {
        await using var host = await AllInOneHost.StartAsync(DeferredMaterialTests.Monday);
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "joint-acceptance-registration.yaml"));
        await host.PublishAsync(yaml.Replace("supplements:\n", "deferrals:\n  onOverdue: end-application\nsupplements:\n", StringComparison.Ordinal));
        using var citizen = host.Client("zhangsan");
        var id = await DeferredMaterialTests.SubmitWithoutArchivesListAsync(citizen);
        await host.TaskOfAsync(id, "ARCH", "arch-clerk");
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        var dueBy = application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "archivesList").GetProperty("dueBy").GetDateTimeOffset();

        // A minute before its due time nothing ends; at it, the application does, saying which material and when.
        host.Clock.Advance(dueBy.AddMinutes(-1) - host.Clock.GetUtcNow());
        await host.FireDueTimersAsync();
        Assert.Equal("in-progress", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "cancelled", "the application to end");
        var reason = application.GetProperty("reason").GetString();
        Assert.Contains("工程档案移交清单", reason, StringComparison.Ordinal);
        Assert.Contains("申请终止", reason, StringComparison.Ordinal);
        Assert.Contains(application.GetProperty("notifications").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "cancelled" && n.GetProperty("message").GetString()!.Contains(reason!, StringComparison.Ordinal));

        // Every department that held a step drops it.
        foreach (var (department, clerk) in new[] { ("ARCH", "arch-clerk"), ("HUD", "hud-clerk") })
        {
            await AllInOneHost.EventuallyAsync(
                () => host.GetJsonAsync(clerk, $"/api/departments/{department}/tasks"),
                t => !t.EnumerateArray().Any(x => x.GetProperty("applicationId").GetGuid() == id),
                $"{department}'s task to leave its queue");
        }

        Assert.Equal("cancelled", (await host.TaskOfAsync(id, "ARCH", "arch-clerk")).GetProperty("status").GetString());
    }
}
