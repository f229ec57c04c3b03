using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// In December the State Council has not yet published next year's holidays: a due time counted into 2027 on a calendar
/// with 2026 only counts weekends and may move. The applicant, the clerk and the department host see it marked
/// provisional (暂定) with the year named, until an administrator loads the year; <c>/health</c> warns from 1 December.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ProvisionalDueTimeTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Sunday 20 December 2026, 10:00: the bundle's 15 promised working days end in January 2027.</summary>
    private static readonly DateTimeOffset December20 = new(2026, 12, 20, 10, 0, 0, Cst);

    /// <summary>Monday 28 December 2026, 10:00: the acceptances decided, registration's 5 working days end on Monday 4 January 2027.</summary>
    private static readonly DateTimeOffset December28 = new(2026, 12, 28, 10, 0, 0, Cst);

    /// <summary>A test arrangement (not the State Council's) with nothing off in early January: due times there stay where they are.</summary>
    private const string Year2027WithoutNewYear = """
        year: 2027
        source: 测试用安排（非官方通知）
        holidays:
          - { name: 春节, from: 2027-02-06, to: 2027-02-13 }
        makeUpWorkdays:
          - { date: 2027-02-20, for: 春节 }
        """;

    private static DateOnly DateOf(JsonElement instant) => DateOnly.FromDateTime(instant.GetDateTimeOffset().ToOffset(Cst).DateTime);

    private static JsonElement Step(JsonElement application, string stepId) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);

    [Fact]
    public async Task AnApplicationOn20December_ShowsItsJanuaryDueTimesAsProvisional_EverywhereUntil2027IsLoaded_AndTheDepartmentIsTold()
    {
        await using var host = await AllInOneHost.StartAsync(December20);
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var receipt = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var id = receipt.GetProperty("id").GetGuid();

        // The receipt and the application: the bundle is due in January 2027, provisional, naming the year.
        Assert.Equal(2027, DateOf(receipt.GetProperty("dueAt")).Year);
        Assert.True(receipt.GetProperty("provisional").GetBoolean());
        Assert.Contains("2027", receipt.GetProperty("provisionalReason").GetString(), StringComparison.Ordinal);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.True(application.GetProperty("provisional").GetBoolean());
        Assert.Equal([2027], application.GetProperty("provisionalYears").EnumerateArray().Select(y => y.GetInt32()));
        // A step due inside 2026 is never provisional.
        var planning = Step(application, "planning-verification");
        Assert.Equal(new DateOnly(2026, 12, 25), DateOf(planning.GetProperty("dueAt")));
        Assert.False(planning.GetProperty("provisional").GetBoolean());
        Assert.Equal(JsonValueKind.Null, planning.GetProperty("provisionalReason").ValueKind);

        // The clocks' explanation says the same per limit.
        var clocks = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks")).GetProperty("clocks").EnumerateArray().ToArray();
        var bundle = clocks.Single(c => c.GetProperty("kind").GetString() == "bundle");
        Assert.True(bundle.GetProperty("promised").GetProperty("provisional").GetBoolean());
        Assert.True(bundle.GetProperty("statutory").GetProperty("provisional").GetBoolean());
        Assert.Contains("2027", bundle.GetProperty("promised").GetProperty("provisionalReason").GetString(), StringComparison.Ordinal);
        Assert.False(clocks.Single(c => c.GetProperty("id").GetString() == "planning-verification").GetProperty("promised").GetProperty("provisional").GetBoolean());

        // The applicant's tracking page marks it, in Chinese and in English.
        using (var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026"))
        {
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}"));
            Assert.Contains("class=\"provisional-badge\">暂定<", page, StringComparison.Ordinal);
            Assert.Contains("尚未收录 2027 年的放假安排", page, StringComparison.Ordinal);
            var list = WebUtility.HtmlDecode(await browser.GetStringAsync("/applications"));
            Assert.Contains("class=\"provisional-badge\">暂定<", list, StringComparison.Ordinal);
            var english = await SwitchToEnglishAsync(browser, $"/applications/{id}");
            Assert.Contains("class=\"provisional-badge\">Provisional<", english, StringComparison.Ordinal);
            Assert.Contains("no holiday arrangement loaded for 2027", english, StringComparison.Ordinal);
        }

        // The acceptances decided on 28 December: registration goes to its department due on 4 January 2027.
        foreach (var (department, clerk) in new[] { ("NRP", "nrp-clerk"), ("HUD", "hud-clerk"), ("ARCH", "arch-clerk"), ("QSS", "qss-clerk") })
        {
            await host.DecideOnlyTaskAsync(department, clerk, December28);
        }

        var registration = await host.TaskOfAsync(id, "REG", "reg-clerk");
        var taskId = registration.GetProperty("id").GetString();
        Assert.Equal(new DateOnly(2027, 1, 4), DateOf(registration.GetProperty("dueAt")));
        Assert.True(registration.GetProperty("provisional").GetBoolean());
        Assert.Contains("2027", registration.GetProperty("provisionalReason").GetString(), StringComparison.Ordinal);
        var received = (await host.GetJsonAsync("reg-clerk", $"/api/tasks/{taskId}")).GetProperty("application").Deserialize<ExecuteStep>(JsonSerializerOptions.Web)!;
        Assert.Equal([2027], received.DueProvisional!.MissingYears);
        Assert.Contains("2027", received.DueProvisional.ReasonEn, StringComparison.Ordinal);
        using (var desk = await PageSignInTests.SignedInBrowserAsync(host, "reg-clerk", "Demo#2026"))
        {
            Assert.Contains("class=\"provisional-badge\">暂定<", WebUtility.HtmlDecode(await desk.GetStringAsync("/desk")), StringComparison.Ordinal);
            var taskPage = WebUtility.HtmlDecode(await desk.GetStringAsync($"/desk/tasks/{taskId}"));
            Assert.Contains("class=\"provisional-badge\">暂定<", taskPage, StringComparison.Ordinal);
            Assert.Contains("尚未收录 2027 年的放假安排", taskPage, StringComparison.Ordinal);
            Assert.Contains("class=\"provisional-badge\">Provisional<", await SwitchToEnglishAsync(desk, $"/desk/tasks/{taskId}"), StringComparison.Ordinal);
        }

        // 2027 loaded with nothing off in early January: no due time moves, yet none is provisional any more, and the
        // department holding registration is told so.
        using var admin = host.Client("admin");
        using var loaded = await admin.PostAsync("/api/calendars/cn-mainland/years", CalendarYearTests.Yaml(Year2027WithoutNewYear));
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var final = await AllInOneHost.EventuallyAsync(
            () => host.TaskOfAsync(id, "REG", "reg-clerk"), t => !t.GetProperty("provisional").GetBoolean(), "the department to hear the due time is final");
        Assert.Equal(new DateOnly(2027, 1, 4), DateOf(final.GetProperty("dueAt")));
        Assert.Equal(JsonValueKind.Null, final.GetProperty("provisionalReason").ValueKind);
        application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.False(application.GetProperty("provisional").GetBoolean());
        Assert.False(Step(application, "first-registration").GetProperty("provisional").GetBoolean());
        clocks = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks")).GetProperty("clocks").EnumerateArray().ToArray();
        Assert.All(clocks.Where(c => c.GetProperty("promised").ValueKind == JsonValueKind.Object),
            c => Assert.False(c.GetProperty("promised").GetProperty("provisional").GetBoolean()));
        var confirmed = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "DueConfirmed").ToArray();
        Assert.Contains(confirmed, e => e.GetProperty("stepId").GetString() == "first-registration");
        using (var desk = await PageSignInTests.SignedInBrowserAsync(host, "reg-clerk", "Demo#2026"))
        {
            Assert.DoesNotContain("provisional-badge", await desk.GetStringAsync($"/desk/tasks/{taskId}"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Health_IsHealthyOn30November_DegradedFrom1DecemberInShanghai_While2027IsMissing_AndHealthyOnceLoaded()
    {
        await using var host = await AllInOneHost.StartAsync(new DateTimeOffset(2026, 11, 30, 12, 0, 0, Cst));
        var health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Empty(health.GetProperty("missingHolidayArrangements").EnumerateArray());

        // Midnight in Shanghai, still 30 November in UTC.
        host.Clock.Advance(TimeSpan.FromHours(12));
        health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var missing = Assert.Single(health.GetProperty("missingHolidayArrangements").EnumerateArray());
        Assert.Equal(("cn-mainland", 2027), (missing.GetProperty("calendarId").GetString(), missing.GetProperty("year").GetInt32()));
        Assert.Contains("2027", missing.GetProperty("reason").GetString(), StringComparison.Ordinal);
        // Degraded, not unhealthy: a load balancer keeps sending traffic; anyone sees the status.
        using var anonymous = await host.Client().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal("degraded", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        using var admin = host.Client("admin");
        (await admin.PostAsync("/api/calendars/cn-mainland/years", CalendarYearTests.Yaml(CalendarYearTests.Year2027))).EnsureSuccessStatusCode();
        health = await host.GetJsonAsync("admin", "/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Empty(health.GetProperty("missingHolidayArrangements").EnumerateArray());
    }

    internal static async Task<string> SwitchToEnglishAsync(HttpClient browser, string page)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);
        using var switched = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", page), new("__RequestVerificationToken", token)]));
        return WebUtility.HtmlDecode(await browser.GetStringAsync(page));
    }
}
