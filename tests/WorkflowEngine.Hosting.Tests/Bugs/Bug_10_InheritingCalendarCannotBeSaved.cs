using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// An administrator keeping a city's (or a hall's) calendar that inherits the national one got 409 for every
/// <c>PUT /api/calendars/{id}/years/{year}</c> on it: the load refused any calendar taking its years from another, so its
/// own days (a local holiday, a worked Saturday) could only be set in files. Now the PUT loads them as the calendar's own
/// days of that year over its parent's notice, and the open applications whose due times move are listed and told.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_InheritingCalendarCannotBeSaved
{
    private const string Hall = "cn-mainland-extended-hours";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private const string Service = $$"""
        id: hall-local-days
        title: 延时大厅登记
        calendar: {{Hall}}
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 15 } }
        form:
          - { key: name, label: 姓名, type: text, required: true }
        flow:
          - { id: registration, activity: department-task, title: 就业登记, department: HRSS, limit: { workingDays: 10 } }
        """;

    /// <summary>The hall's own day off: Monday 28 December 2026 (a test arrangement, not a published one).</summary>
    private const string LocalHoliday = """
        year: 2026
        source: 测试用本地安排
        holidays:
          - { name: 建城纪念日, from: 2026-12-28, to: 2026-12-28 }
        """;

    private const string NoLocalHoliday = """
        year: 2026
        source: 测试用本地安排（撤销）
        holidays: []
        """;

    private static DateTimeOffset Local(JsonElement instant) => instant.GetDateTimeOffset().ToOffset(Cst);

    private static DateTimeOffset DueOf(JsonElement application) =>
        Local(application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "registration").GetProperty("dueAt"));

    [Fact]
    public async Task PuttingTheCitysOwnDays_LoadsThem_MovesTheOpenDueTimes_AndTakingThemOutMovesThemBack()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-calendar-");
        try
        {
            Guid id;
            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 12, 21, 10, 0, 0, Cst)))
            {
                await host.PublishAsync(Service);
                using var citizen = host.Client("zhangsan");
                using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "hall-local-days", form = new { name = "张三" } });
                Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
                id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
                var before = new DateTimeOffset(2027, 1, 4, 18, 0, 0, Cst);
                var after = new DateTimeOffset(2027, 1, 5, 18, 0, 0, Cst);
                Assert.Equal(before, DueOf(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")));
                await host.TaskOfAsync(id, "HRSS", "hrss-clerk");

                using var admin = host.Client("admin");
                using var preview = await admin.PutAsync($"/api/calendars/{Hall}/years/2026?preview=true", CalendarYearTests.Yaml(LocalHoliday));
                Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                Assert.Contains((await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray(), m => m.GetProperty("applicationId").GetGuid() == id);

                using var loaded = await admin.PutAsync($"/api/calendars/{Hall}/years/2026", CalendarYearTests.Yaml(LocalHoliday));
                Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
                var moved = (await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray()
                    .Single(m => m.GetProperty("applicationId").GetGuid() == id && m.GetProperty("stepId").GetString() == "registration");
                Assert.Equal((before, after), (Local(moved.GetProperty("before")), Local(moved.GetProperty("after"))));
                Assert.Equal(after, DueOf(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")));
                var task = await AllInOneHost.EventuallyAsync(
                    () => host.TaskOfAsync(id, "HRSS", "hrss-clerk"), t => Local(t.GetProperty("dueAt")) == after, "the department to hear the moved due time");
                Assert.Equal(after, Local(task.GetProperty("dueAt")));

                // The day is the hall's own; the national calendar keeps it a working day.
                var day = (await host.GetJsonAsync("zhangsan", $"/api/calendars/{Hall}/days?from=2026-12-28&to=2026-12-28")).EnumerateArray().Single();
                Assert.Equal(("holiday", "建城纪念日", Hall), (day.GetProperty("kind").GetString(), day.GetProperty("name").GetString(), day.GetProperty("source").GetString()));
                var national = (await host.GetJsonAsync("zhangsan", "/api/calendars/cn-mainland/days?from=2026-12-28&to=2026-12-28")).EnumerateArray().Single();
                Assert.Equal("workday", national.GetProperty("kind").GetString());
            }

            // Kept across a restart; replacing the year without the day takes it out again.
            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 12, 21, 11, 0, 0, Cst)))
            {
                Assert.Equal(new DateTimeOffset(2027, 1, 5, 18, 0, 0, Cst), DueOf(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")));
                using var admin = host.Client("admin");
                using var removed = await admin.PutAsync($"/api/calendars/{Hall}/years/2026", CalendarYearTests.Yaml(NoLocalHoliday));
                Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
                var body = await removed.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(body.GetProperty("replaced").GetBoolean());
                Assert.Contains(body.GetProperty("moved").EnumerateArray(), m => m.GetProperty("applicationId").GetGuid() == id);
                Assert.Equal(new DateTimeOffset(2027, 1, 4, 18, 0, 0, Cst), DueOf(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
