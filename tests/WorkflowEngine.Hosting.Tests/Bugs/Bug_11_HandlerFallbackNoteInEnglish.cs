using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A step whose automated handler the department's host does not have becomes a clerk's task with a note saying so;
/// the note was kept in Chinese only, so a clerk on the English pages could only read Chinese. It is kept in both
/// languages, as every other note of a task is.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_HandlerFallbackNoteInEnglish
{
    private const string Yaml = """
        id: handler-fallback
        title: 自动办理测试
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 10 } }
        form:
          - { key: companyName, label: 企业名称, type: text, required: true }
        flow:
          - { id: registration, activity: department-task, title: 社保登记, department: HRSS, limit: { workingDays: 1 }, handler: not-installed }
        """;

    [Fact]
    public async Task AStepWhoseHandlerIsMissing_TellsTheClerkWhy_InBothLanguages()
    {
        await using var host = await AllInOneHost.StartAsync();
        await host.StoreAsPublishedAsync("handler-fallback", "自动办理测试", Yaml);
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "handler-fallback", form = new { companyName = "滨江科技" } });
        submitted.EnsureSuccessStatusCode();
        var id = (await submitted.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        var task = (await host.TaskOfAsync(id, "HRSS", "hrss-clerk")).GetProperty("id").GetString();

        // Kept in both languages with the task (the task's pages and /api/tasks choose by the reader's language).
        Assert.Equal(1, await host.ScalarAsync(
            "SELECT COUNT(*) FROM department_tasks WHERE id = @task AND note = @zh AND note_en = @en",
            new
            {
                task,
                zh = "本部门主机未登记自动办理程序“not-installed”，已转人工办理",
                en = "This department's host has no automated handler \"not-installed\"; a clerk decides the step instead",
            }));
    }
}
