using System.Net.Http.Json;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Calendars;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Next year's holidays are published in late autumn, when December's applications already count into January. An
/// administrator previews which due times the arrangement moves, loads it, and every open application is counted
/// again: the applicant and the clerk see the new due time; the year stays loaded across a restart.
/// </summary>
[Trait("Category", "Integration")]
public sealed class CalendarYearTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Wednesday 23 December 2026, 09:00: the fire acceptance's 8 working days end on 4 January 2027 while 2027 is unannounced.</summary>
    private static readonly DateTimeOffset December23 = new(2026, 12, 23, 9, 0, 0, Cst);

    /// <summary>A test arrangement (not the State Council's): New Year's Day off, a make-up Saturday.</summary>
    internal const string Year2027 = """
        year: 2027
        source: 测试用安排（非官方通知）
        holidays:
          - { name: 元旦, from: 2027-01-01, to: 2027-01-01 }
          - { name: 春节, from: 2027-02-06, to: 2027-02-13 }
        makeUpWorkdays:
          - { date: 2027-02-20, for: 春节 }
        """;

    internal static StringContent Yaml(string text) => new(text, Encoding.UTF8, "application/yaml");

    private static DateOnly DateOf(JsonElement instant) => DateOnly.FromDateTime(instant.GetDateTimeOffset().ToOffset(Cst).DateTime);

    [Fact]
    public async Task AnAdministratorLoadsNextYearsHolidays_ThePreviewSaysWhatMoves_ThenTheClerkAndApplicantSeeTheNewDueTime_AndItSurvivesARestart()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-calendar-");
        try
        {
            Guid id;
            await using (var host = await AllInOneHost.StartInAsync(directory, December23))
            {
                using var citizen = host.Client("zhangsan");
                using var submitted = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false));
                submitted.EnsureSuccessStatusCode();
                id = (await JsonDocument.ParseAsync(await submitted.Content.ReadAsStreamAsync())).RootElement.GetProperty("id").GetGuid();
                var fire = (await host.TaskOfAsync(id, "HUD", "hud-clerk")).GetProperty("id").GetString();
                Assert.Equal(new DateOnly(2027, 1, 4), DateOf((await FireTaskAsync(host, fire)).GetProperty("dueAt")));

                using var admin = host.Client("admin");
                using var preview = await admin.PostAsync("/api/calendars/cn-mainland/years?preview=true", Yaml(Year2027));
                Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
                var previewed = await preview.Content.ReadFromJsonAsync<JsonElement>();
                Assert.False(previewed.GetProperty("loaded").GetBoolean());
                var moved = previewed.GetProperty("moved").EnumerateArray().Where(m => m.GetProperty("applicationId").GetGuid() == id).ToArray();
                var fireMove = Assert.Single(moved, m => m.GetProperty("stepId").GetString() == "fire-acceptance");
                Assert.Equal((new DateOnly(2027, 1, 4), new DateOnly(2027, 1, 5)), (DateOf(fireMove.GetProperty("before")), DateOf(fireMove.GetProperty("after"))));
                Assert.Contains(moved, m => m.GetProperty("stepId").GetString() == "joint-acceptance");
                Assert.Contains(moved, m => m.GetProperty("kind").GetString() == "bundle");
                // Due on 30 December: the new year changes nothing for it.
                Assert.DoesNotContain(moved, m => m.GetProperty("stepId").GetString() == "planning-verification");
                // A preview changes nothing.
                Assert.Equal(new DateOnly(2027, 1, 4), DateOf((await FireTaskAsync(host, fire)).GetProperty("dueAt")));
                Assert.DoesNotContain(2027, (await host.GetJsonAsync("admin", "/api/calendars"))[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()));

                // Only an administrator loads a year.
                using var byClerk = await host.Client("hud-clerk").PostAsync("/api/calendars/cn-mainland/years", Yaml(Year2027));
                Assert.Equal(HttpStatusCode.Forbidden, byClerk.StatusCode);
                using var byNobody = await host.Client().PostAsync("/api/calendars/cn-mainland/years", Yaml(Year2027));
                Assert.Equal(HttpStatusCode.Unauthorized, byNobody.StatusCode);

                using var loaded = await admin.PostAsync("/api/calendars/cn-mainland/years", Yaml(Year2027));
                Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
                Assert.True((await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("loaded").GetBoolean());

                // The department holding the step is told; the applicant's page and the day's status agree.
                await AllInOneHost.EventuallyAsync(
                    () => FireTaskAsync(host, fire), t => DateOf(t.GetProperty("dueAt")) == new DateOnly(2027, 1, 5), "the clerk's new due time");
                var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
                var step = application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "fire-acceptance");
                Assert.Equal(new DateOnly(2027, 1, 5), DateOf(step.GetProperty("dueAt")));
                var day = (await host.GetJsonAsync("zhangsan", "/api/calendars/cn-mainland/days?from=2027-01-01&to=2027-01-01"))[0];
                Assert.False(day.GetProperty("working").GetBoolean());
                var recounted = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                    .Where(e => e.GetProperty("type").GetString() == "DueRecounted").ToArray();
                Assert.Contains(recounted, e => e.GetProperty("stepId").GetString() == "fire-acceptance" && e.GetProperty("actor").GetString() == "admin");
            }

            // The loaded year stands over the files after a restart.
            await using (var host = await AllInOneHost.StartInAsync(directory, December23.AddHours(2)))
            {
                Assert.Contains(2027, (await host.GetJsonAsync("admin", "/api/calendars"))[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()));
                var day = (await host.GetJsonAsync("zhangsan", "/api/calendars/cn-mainland/days?from=2027-02-20&to=2027-02-20"))[0];
                Assert.True(day.GetProperty("working").GetBoolean());
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Two engine processes on one database: the year the other one loaded (written here straight into the table, as it
    /// would) is taken up, and this process's open applications are counted again on it.
    /// </summary>
    [Fact]
    public async Task AYearAnotherEngineProcessLoaded_IsTakenUp_AndTheOpenApplicationsAreCountedAgain()
    {
        await using var host = await AllInOneHost.StartAsync(December23);
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(civilAirDefence: false));
        submitted.EnsureSuccessStatusCode();
        var id = (await JsonDocument.ParseAsync(await submitted.Content.ReadAsStreamAsync())).RootElement.GetProperty("id").GetGuid();
        var fire = (await host.TaskOfAsync(id, "HUD", "hud-clerk")).GetProperty("id").GetString();
        var updates = host.Services.GetRequiredService<CalendarUpdates>();
        Assert.Equal(0, await updates.FollowAsync(CancellationToken.None));

        await host.ScalarAsync(
            "INSERT INTO calendar_years (calendar_id, year, body, loaded_by, loaded_at, recounted_at) VALUES ('cn-mainland', 2027, @Body, 'admin', @At, NULL)",
            new { Body = Year2027, At = December23.AddMinutes(5).ToUnixTimeMilliseconds() });

        Assert.Equal(1, await updates.FollowAsync(CancellationToken.None));
        Assert.Equal(0, await updates.FollowAsync(CancellationToken.None));
        await AllInOneHost.EventuallyAsync(
            () => FireTaskAsync(host, fire), t => DateOf(t.GetProperty("dueAt")) == new DateOnly(2027, 1, 5), "the clerk's new due time");
        Assert.Contains(2027, (await host.GetJsonAsync("admin", "/api/calendars"))[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()));
    }

    /// <summary>
    /// On a shared database the follower takes a year another process loaded up on its own beat
    /// (<c>Engine:CalendarFollowInterval</c>, 30 s), counted on the host's clock: not before the interval has passed, and
    /// at once when it has.
    /// </summary>
    [PostgresFact]
    public async Task AYearAnotherEngineProcessLoaded_IsTakenUpOnceTheFollowIntervalHasPassedOnTheHostsClock()
    {
        await using var databases = new PostgresDatabases();
        var connectionString = await databases.CreateAsync("calendar-follow");
        await using var host = await AllInOneHost.StartAsync(December23, extraArgs: ["--Database:Provider=postgresql", $"--Database:ConnectionString={connectionString}"]);
        await host.ScalarAsync(
            "INSERT INTO calendar_years (calendar_id, year, body, loaded_by, loaded_at, recounted_at) VALUES ('cn-mainland', 2027, @Body, 'admin', @At, NULL)",
            new { Body = Year2027, At = December23.ToUnixTimeMilliseconds() });

        host.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.DoesNotContain(2027, await AnnouncedYearsAsync(host));

        host.Clock.Advance(TimeSpan.FromSeconds(1));
        // Taken up on the beat that has come. A round that fails (on a loaded machine, e.g. against the start's own
        // count of the open clocks) is retried on the next beat, as the follower is meant to: each look that does not
        // find the year yet moves the host's clock on by one beat, so that a retried round comes too.
        await AllInOneHost.EventuallyAsync(
            async () =>
            {
                var years = await AnnouncedYearsAsync(host);
                if (!years.Contains(2027))
                {
                    host.Clock.Advance(TimeSpan.FromSeconds(30));
                }

                return years;
            },
            years => years.Contains(2027),
            "the year to be taken up",
            timeoutSeconds: 30);
    }

    private static async Task<int[]> AnnouncedYearsAsync(AllInOneHost host) =>
        (await host.GetJsonAsync("admin", "/api/calendars"))[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()).ToArray();

    public static TheoryData<string, string, string> BrokenYears => new()
    {
        { "a make-up day on a weekday", Year2027.Replace("2027-02-20, for: 春节", "2027-02-22, for: 春节", StringComparison.Ordinal), "makeUpWorkdays[0]" },
        { "a holiday in another year", Year2027.Replace("2027-01-01, to: 2027-01-01", "2029-05-01, to: 2029-05-03", StringComparison.Ordinal), "holidays[0]" },
        { "holidays that overlap", Year2027.Replace("2027-02-06, to: 2027-02-13", "2027-01-01, to: 2027-01-03", StringComparison.Ordinal), "holidays[1]" },
        { "a make-up day for a holiday not in the notice", Year2027.Replace("for: 春节", "for: 中秋节", StringComparison.Ordinal), "makeUpWorkdays[0].for" },
        { "a make-up day that does not say which holiday it pays for", Year2027.Replace(", for: 春节", "", StringComparison.Ordinal), "makeUpWorkdays[0]" },
        { "a year out of range", Year2027.Replace("year: 2027", "year: 99999", StringComparison.Ordinal), "year" },
        { "not YAML", "year: [2027\nholidays: {", "" },
    };

    [Theory]
    [MemberData(nameof(BrokenYears))]
    public async Task ABrokenArrangement_IsRefusedAtItsKey_AndNothingIsLoaded(string name, string yaml, string path)
    {
        await using var host = await AllInOneHost.StartAsync(December23);
        using var admin = host.Client("admin");

        using var response = await admin.PostAsync("/api/calendars/cn-mainland/years", Yaml(yaml));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors").EnumerateArray().ToArray();
        Assert.True(errors.Any(e => e.GetProperty("path").GetString() == path && e.GetProperty("line").GetInt32() >= 1), $"{name}: {problem}");
        Assert.DoesNotContain(2027, (await host.GetJsonAsync("admin", "/api/calendars"))[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public async Task PutToTheYearsAddress_LoadsThatYear_AndABodyOfAnotherYearIsRefusedThere()
    {
        await using var host = await AllInOneHost.StartAsync(December23);
        using var admin = host.Client("admin");

        using var wrongYear = await admin.PutAsync("/api/calendars/cn-mainland/years/2028", Yaml(Year2027));
        var problem = await ProblemAssert.IsAsync(wrongYear, HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("path").GetString() == "year"
            && e.GetProperty("message").GetString()!.Contains("2028", StringComparison.Ordinal));
        Assert.DoesNotContain(2027, AnnouncedYears(await host.GetJsonAsync("admin", "/api/calendars")));

        using var preview = await admin.PutAsync("/api/calendars/cn-mainland/years/2027?preview=true", Yaml(Year2027));
        Assert.False((await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("loaded").GetBoolean());
        Assert.DoesNotContain(2027, AnnouncedYears(await host.GetJsonAsync("admin", "/api/calendars")));

        using var loaded = await admin.PutAsync("/api/calendars/cn-mainland/years/2027", Yaml(Year2027));
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.True((await loaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("loaded").GetBoolean());
        Assert.Contains(2027, AnnouncedYears(await host.GetJsonAsync("admin", "/api/calendars")));

        using var citizen = host.Client("zhangsan");
        await ProblemAssert.IsAsync(await citizen.PutAsync("/api/calendars/cn-mainland/years/2027", Yaml(Year2027)), HttpStatusCode.Forbidden);
    }

    private static IEnumerable<int> AnnouncedYears(JsonElement calendars) =>
        calendars[0].GetProperty("announcedYears").EnumerateArray().Select(y => y.GetInt32());

    /// <summary>
    /// Wednesday 30 December 2026, 09:00: the licence's two promised working hours end at 11:00 whatever 2027 holds, but
    /// its three statutory working days (from the close of the 30th: 31 December, then 1 January counted as a plain Friday
    /// while 2027 is not loaded, then 4 January) end on 4 January at 17:30, and with New Year's Day off on 5 January. The
    /// whole application's one promised working day (31 December) stays; its three statutory ones move the same way.
    /// </summary>
    [Fact]
    public async Task LoadingNextYear_ListsTheStatutoryDueTimesThatMove_OldAndNew_InTheAnswerAndOnThePageInBothLanguages()
    {
        await using var host = await AllInOneHost.StartAsync(new DateTimeOffset(2026, 12, 30, 9, 0, 0, Cst));
        var id = await host.SubmitBusinessOpeningAsync();
        var tracking = (await host.TaskOfAsync(id)).GetProperty("trackingNumber").GetString()!;
        using var admin = host.Client("admin");

        using var preview = await admin.PostAsync("/api/calendars/cn-mainland/years?preview=true", Yaml(Year2027));

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var moved = (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").EnumerateArray()
            .Where(m => m.GetProperty("applicationId").GetGuid() == id).ToArray();
        var licence = Assert.Single(moved, m => m.GetProperty("stepId").GetString() == "business-licence");
        Assert.Equal(
            ("2026-12-30 11:00", "2026-12-30 11:00", "2027-01-04 17:30", "2027-01-05 17:30"),
            (Local(licence, "before"), Local(licence, "after"), Local(licence, "statutoryBefore"), Local(licence, "statutoryAfter")));
        var bundle = Assert.Single(moved, m => m.GetProperty("kind").GetString() == "bundle");
        Assert.Equal(
            ("2026-12-31 17:30", "2026-12-31 17:30", "2027-01-04 17:30", "2027-01-05 17:30"),
            (Local(bundle, "before"), Local(bundle, "after"), Local(bundle, "statutoryBefore"), Local(bundle, "statutoryAfter")));

        var chinese = await PreviewOnThePageAsync(host, english: false);
        Assert.Contains("<th scope=\"col\">原承诺期限</th><th scope=\"col\">新承诺期限</th><th scope=\"col\">原法定期限</th><th scope=\"col\">新法定期限</th>", chinese, StringComparison.Ordinal);
        Assert.Contains($"<td>{tracking}</td><td>营业执照</td><td>2026-12-30 11:00</td><td>2026-12-30 11:00</td><td>2027-01-04 17:30</td><td>2027-01-05 17:30</td>", chinese, StringComparison.Ordinal);
        var english = await PreviewOnThePageAsync(host, english: true);
        Assert.Contains("<th scope=\"col\">Statutory, before</th><th scope=\"col\">Statutory, after</th>", english, StringComparison.Ordinal);
        Assert.Contains($"<td>2026-12-30 11:00</td><td>2026-12-30 11:00</td><td>2027-01-04 17:30</td><td>2027-01-05 17:30</td>", english, StringComparison.Ordinal);
    }

    /// <summary>The administrator's calendar-year page previewing <paramref name="arrangement"/> (else <see cref="Year2027"/>), as the browser gets it, with the space between tags taken out.</summary>
    internal static async Task<string> PreviewOnThePageAsync(AllInOneHost host, bool english, string arrangement = Year2027)
    {
        var cookies = new CookieContainer();
        if (english)
        {
            cookies.Add(host.Address, new Cookie(".AspNetCore.Culture", "c%3Den%7Cuic%3Den"));
        }

        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.Address };
        browser.DefaultRequestHeaders.Add("X-Demo-User", "admin");
        var form = await browser.GetStringAsync("/admin/calendars/years");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var posted = await browser.PostAsync("/admin/calendars/years?handler=Preview", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["calendar"] = "cn-mainland", ["arrangement"] = arrangement, ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        return System.Text.RegularExpressions.Regex.Replace(await posted.Content.ReadAsStringAsync(), @">\s+<", "><");
    }

    internal static string Local(JsonElement moved, string property) =>
        moved.GetProperty(property).GetDateTimeOffset().ToOffset(Cst).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> FireTaskAsync(AllInOneHost host, string? task) =>
        (await host.GetJsonAsync("hud-clerk", $"/api/tasks/{task}")).GetProperty("task");
}
