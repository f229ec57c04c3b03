using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A service hall's calendar inherits cn-mainland (Definitions/calendars/cn-mainland-extended-hours: open until 18:00).
/// When the administrator loads 2027 into cn-mainland, an application counted on the hall's calendar is counted again on
/// it too: its due time moves by the new holiday, stops being provisional, and the department holding the step hears it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CalendarInheritanceTests
{
    private const string Hall = "cn-mainland-extended-hours";
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Monday 21 December 2026, 10:00: ten working days end on Monday 4 January 2027 while 2027 is unannounced.</summary>
    private static readonly DateTimeOffset December21 = new(2026, 12, 21, 10, 0, 0, Cst);

    private const string Service = $$"""
        id: hall-registration
        title: 延时大厅登记
        calendar: {{Hall}}
        timeLimits: { statutory: { workingDays: 20 }, promised: { workingDays: 15 } }
        form:
          - { key: name, label: 姓名, type: text, required: true }
        flow:
          - { id: registration, activity: department-task, title: 就业登记, department: HRSS, limit: { workingDays: 10 } }
        """;

    private static DateTimeOffset Local(JsonElement instant) => instant.GetDateTimeOffset().ToOffset(Cst);

    private static JsonElement Registration(JsonElement application) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "registration");

    [Fact]
    public async Task LoadingAYearIntoTheParent_RecountsAndConfirmsTheOpenApplicationsOnTheInheritingCalendar()
    {
        await using var host = await AllInOneHost.StartAsync(December21);
        await host.PublishAsync(Service);
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", new { serviceId = "hall-registration", form = new { name = "张三" } });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // Counted on the hall's calendar: its close of office (18:00), the national weekends, 2027 provisional.
        var step = Registration(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"));
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 18, 0, 0, Cst), Local(step.GetProperty("dueAt")));
        Assert.True(step.GetProperty("provisional").GetBoolean());
        Assert.Contains(Hall, step.GetProperty("provisionalReason").GetString(), StringComparison.Ordinal);

        // The hall's years are cn-mainland's: the notice is loaded there (the hall's own days go into the hall).
        using var admin = host.Client("admin");
        var listed = (await host.GetJsonAsync("admin", "/api/calendars")).EnumerateArray().Single(c => c.GetProperty("id").GetString() == Hall);
        Assert.Equal(("cn-mainland", "cn-mainland"), (listed.GetProperty("inherits").GetString(), listed.GetProperty("yearsFrom").GetString()));
        Assert.DoesNotContain(2027, listed.GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()));

        // The preview already lists the hall's application; loading moves it past 元旦 (a test arrangement, not the notice).
        using var preview = await admin.PutAsync("/api/calendars/cn-mainland/years/2027?preview=true", CalendarYearTests.Yaml(CalendarYearTests.Year2027));
        Assert.Contains((await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray(), m => m.GetProperty("applicationId").GetGuid() == id);
        using var loaded = await admin.PutAsync("/api/calendars/cn-mainland/years/2027", CalendarYearTests.Yaml(CalendarYearTests.Year2027));
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var moved = (await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray()
            .Single(m => m.GetProperty("applicationId").GetGuid() == id && m.GetProperty("stepId").GetString() == "registration");
        Assert.Equal(
            (new DateTimeOffset(2027, 1, 4, 18, 0, 0, Cst), new DateTimeOffset(2027, 1, 5, 18, 0, 0, Cst)),
            (Local(moved.GetProperty("before")), Local(moved.GetProperty("after"))));

        // The applicant sees the new due time, final; the audit says why; the department holding the step heard it.
        step = Registration(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"));
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 18, 0, 0, Cst), Local(step.GetProperty("dueAt")));
        Assert.False(step.GetProperty("provisional").GetBoolean());
        var recounted = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "DueRecounted");
        Assert.Equal("registration", recounted.GetProperty("stepId").GetString());
        var task = await AllInOneHost.EventuallyAsync(
            () => host.TaskOfAsync(id, "HRSS", "hrss-clerk"), t => !t.GetProperty("provisional").GetBoolean(), "the department to hear the recounted due time");
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 18, 0, 0, Cst), Local(task.GetProperty("dueAt")));

        // Each day says whose arrangement it is.
        var newYear = (await host.GetJsonAsync("zhangsan", $"/api/calendars/{Hall}/days?from=2027-01-01&to=2027-01-01")).EnumerateArray().Single();
        Assert.Equal(("holiday", true, "cn-mainland"), (newYear.GetProperty("kind").GetString(), newYear.GetProperty("announced").GetBoolean(), newYear.GetProperty("source").GetString()));
    }

    [Fact]
    public async Task TheAdministratorSeesTheParent_WhoseEachDayIs_AndOneWarningForTheMissingYear()
    {
        await using var host = await AllInOneHost.StartAsync(December21);
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "admin", "Demo#2026");

        var month = WebUtility.HtmlDecode(await browser.GetStringAsync($"/admin/calendars?calendar={Hall}&month=2026-10"));
        Assert.Contains("继承“中国大陆法定工作日历”（cn-mainland）", month, StringComparison.Ordinal);
        Assert.Contains("<span class=\"day-source\" data-source=\"cn-mainland\">中国大陆法定工作日历</span>", month, StringComparison.Ordinal);
        var national = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/calendars?calendar=cn-mainland&month=2026-10"));
        Assert.Contains("继承本日历年度安排的日历：延时服务大厅工作日历（示例）", national, StringComparison.Ordinal);
        Assert.DoesNotContain("day-source", national, StringComparison.Ordinal);
        var years = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/calendars/years"));
        Assert.Contains("（仅本日历自己的放假与上班日；国家年度安排载入到“cn-mainland”）", years, StringComparison.Ordinal);
        Assert.Contains("继承它的日历随之更新：延时服务大厅工作日历（示例）", years, StringComparison.Ordinal);

        // December without 2027: one warning, on the calendar to load it into, naming the hall that follows it.
        var missing = Assert.Single((await host.GetJsonAsync("admin", "/health")).GetProperty("missingHolidayArrangements").EnumerateArray());
        Assert.Equal(("cn-mainland", 2027), (missing.GetProperty("calendarId").GetString(), missing.GetProperty("year").GetInt32()));
        Assert.Contains(Hall, missing.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }
}
