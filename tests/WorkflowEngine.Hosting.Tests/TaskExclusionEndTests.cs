using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// An excluded period's expected end is set or moved while it lasts (an inspection that runs longer, or whose end
/// becomes known later): the clock runs again at the new end, not the old one, and the applicant, the clerk's page and
/// the engine's clock explanation all show the new end, also after a restart.
/// </summary>
[Trait("Category", "Integration")]
public sealed class TaskExclusionEndTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task MovingTheEndLater_MovesTheTimer_IsShownEverywhere_AndSurvivesARestart()
    {
        var directory = Directory.CreateTempSubdirectory("workflow-exclusion-end-");
        try
        {
            Guid id;
            string task;
            await using (var host = await AllInOneHost.StartInAsync(directory, AllInOneHost.MondayMorning))
            {
                id = await host.SubmitBusinessOpeningAsync();
                task = await ExcludedLicenceTaskAsync(host, until: new DateTimeOffset(2026, 3, 3, 9, 0, 0, Cst));
                await AllInOneHost.EventuallyAsync(
                    () => TaskAsync(host, task), t => t.GetProperty("pausedUntil").ValueKind == JsonValueKind.String, "the clerk's task to know the end");

                // The inspection runs a day longer.
                using var clerk = host.Client("samr-clerk");
                using var moved = await clerk.PatchAsJsonAsync($"/api/tasks/{task}/exclusions/current", new { until = "2026-03-04T09:00:00+08:00" });
                Assert.Equal(HttpStatusCode.Accepted, moved.StatusCode);

                var clocks = await AllInOneHost.EventuallyAsync(
                    () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks"),
                    c => Licence(c).GetProperty("paused").GetProperty("until").GetString() == "2026-03-04T09:00:00+08:00",
                    "the applicant's clocks to show the new end");
                var licence = Licence(clocks);
                var change = licence.GetProperty("events").EnumerateArray().Last();
                Assert.Equal("end-changed", change.GetProperty("kind").GetString());
                Assert.Equal("2026-03-04T09:00:00+08:00", change.GetProperty("until").GetString());
                // The applicant reads what changed, not which clerk's login changed it; an administrator reads who.
                Assert.Equal(JsonValueKind.Null, change.GetProperty("actor").ValueKind);
                var seenByAdmin = Licence(await host.GetJsonAsync("admin", $"/api/applications/{id}/clocks")).GetProperty("events").EnumerateArray().Last();
                Assert.Equal("samr-clerk", seenByAdmin.GetProperty("actor").GetString());
                // Nothing was used while paused: the two office hours count from Wednesday 09:00.
                Assert.Equal("2026-03-04T11:00:00+08:00", licence.GetProperty("promised").GetProperty("expectedDueAt").GetString());

                var notice = await NoticeAsync(host, id, "clock-exclusion-end-changed");
                Assert.Contains("预计结束时间由 2026-03-03 09:00 改为 2026-03-04 09:00", notice, StringComparison.Ordinal);
                Assert.Contains("is now expected to end at 2026-03-04 09:00 (not 2026-03-03 09:00)", await NoticeAsync(host, id, "clock-exclusion-end-changed", "en"), StringComparison.Ordinal);

                await AllInOneHost.EventuallyAsync(
                    () => TaskAsync(host, task),
                    t => t.GetProperty("pausedUntil").GetString() == "2026-03-04T09:00:00+08:00",
                    "the clerk's task to show the new end");
                using var desk = await PageSignInTests.SignedInBrowserAsync(host, "samr-clerk", "Demo#2026");
                var page = WebUtility.HtmlDecode(await desk.GetStringAsync($"/desk/tasks/{task}"));
                Assert.Contains("预计结束：", page, StringComparison.Ordinal);
                Assert.Contains("2026-03-04 09:00", page, StringComparison.Ordinal);
                Assert.Contains("将不计时期间的预计结束时间改为 2026-03-04 09:00", page, StringComparison.Ordinal);
                using var applicant = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
                Assert.Contains("预计 2026-03-04 09:00 结束", WebUtility.HtmlDecode(await applicant.GetStringAsync($"/applications/{id}")), StringComparison.Ordinal);
            }

            // The engine restarts after the old end: the clock still stands still, and runs again at the new end.
            await using (var host = await AllInOneHost.StartInAsync(directory, new DateTimeOffset(2026, 3, 3, 9, 30, 0, Cst)))
            {
                await host.FireDueTimersAsync();
                var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
                Assert.Equal("paused", Licence(clocks).GetProperty("status").GetString());
                Assert.Equal("2026-03-04T09:00:00+08:00", Licence(clocks).GetProperty("paused").GetProperty("until").GetString());

                host.Clock.Advance(new DateTimeOffset(2026, 3, 4, 9, 0, 0, Cst) - host.Clock.GetUtcNow());
                clocks = await AllInOneHost.EventuallyAsync(
                    async () =>
                    {
                        // As after any restart, a timer tried while the host was starting is tried again once its lease ends.
                        host.Clock.Advance(TimeSpan.FromSeconds(1));
                        await host.FireDueTimersAsync();
                        return await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
                    },
                    c => Licence(c).GetProperty("status").GetString() == "running",
                    "the licence clock to run again at the new end");
                // It ran again at the new end exactly, however late the timer was looked at.
                Assert.Equal("2026-03-04T11:00:00+08:00", Licence(clocks).GetProperty("promised").GetProperty("dueAt").GetString());
                await AllInOneHost.EventuallyAsync(
                    () => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "running", "the clerk's task to run again");
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ChangingTheEnd_RefusesWhatCannotBeTrue_OnTheApiAndTheDeskPage()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var path = $"/api/tasks/{await ExcludedLicenceTaskAsync(host, until: null)}/exclusions/current";
        var task = path.Split('/')[3];
        using var clerk = host.Client("samr-clerk");
        using var colleague = host.Client("samr-clerk-2");
        using var psb = host.Client("psb-clerk");

        Assert.Equal(HttpStatusCode.NotFound, (await clerk.PatchAsJsonAsync($"/api/tasks/{Guid.NewGuid()}/exclusions/current", new { until = "2026-03-04T09:00:00+08:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await psb.PatchAsJsonAsync(path, new { until = "2026-03-04T09:00:00+08:00" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await colleague.PatchAsJsonAsync(path, new { until = "2026-03-04T09:00:00+08:00" })).StatusCode);
        using var missing = await clerk.PatchAsJsonAsync(path, new { until = (string?)null });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("until", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Before the period began (09:00 today), and so in the past.
        using var before = await clerk.PatchAsJsonAsync(path, new { until = "2026-03-02T08:00:00+08:00" });
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Contains("预计结束时间应晚于现在", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var notJson = await clerk.PatchAsync(path, new StringContent("{\"until\":", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var notATime = await clerk.PatchAsync(path, new StringContent("{\"until\":\"next week\"}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, notATime.StatusCode);

        // The desk page says the same, next to the field, in both languages.
        using var desk = await PageSignInTests.SignedInBrowserAsync(host, "samr-clerk", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(desk, $"/desk/tasks/{task}");
        FormUrlEncodedContent Form(string until) => new([new("newUntil", until), new("__RequestVerificationToken", token)]);
        using var chinese = await desk.PostAsync($"/desk/tasks/{task}?handler=ExclusionEnd", Form("2026-03-02T08:00"));
        Assert.Equal(HttpStatusCode.BadRequest, chinese.StatusCode);
        Assert.Contains("<span id=\"newUntil-error\" class=\"field-error\">预计结束时间应晚于现在", WebUtility.HtmlDecode(await chinese.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        (await desk.PostAsync("/language", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/desk"), new("__RequestVerificationToken", token)]))).Dispose();
        using var english = await desk.PostAsync($"/desk/tasks/{task}?handler=ExclusionEnd", Form("2026-03-02T08:00"));
        Assert.Contains("<span id=\"newUntil-error\" class=\"field-error\">The expected end must be later than now", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // An end where none was known is set from the page; the applicant reads it.
        using var set = await desk.PostAsync($"/desk/tasks/{task}?handler=ExclusionEnd", Form("2026-03-03T14:00"));
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("预计于 2026-03-03 14:00 结束", await NoticeAsync(host, id, "clock-exclusion-end-changed"), StringComparison.Ordinal);

        // Once the period is over there is no end to move.
        Assert.Equal(HttpStatusCode.Accepted, (await clerk.PostAsync($"/api/tasks/{task}/exclusions/end", null)).StatusCode);
        await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "running", "the clerk's task to run again");
        using var ended = await clerk.PatchAsJsonAsync(path, new { until = "2026-03-04T09:00:00+08:00" });
        Assert.Equal(HttpStatusCode.Conflict, ended.StatusCode);
        Assert.Contains("没有进行中的不计时期间", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var clocks = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
        Assert.Single(Licence(clocks).GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "end-changed");
    }

    /// <summary>SAMR's clerk claims the licence and records an inspection ending at <paramref name="until"/> (unknown: null); the task's id once its department knows the clock stands still.</summary>
    private static async Task<string> ExcludedLicenceTaskAsync(AllInOneHost host, DateTimeOffset? until)
    {
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task"))[0].GetProperty("id").GetString()!;
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var excluded = await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "inspection", reason = "需现场勘验经营场所", until });
        Assert.Equal(HttpStatusCode.Accepted, excluded.StatusCode);
        await AllInOneHost.EventuallyAsync(() => TaskAsync(host, task), t => t.GetProperty("clock").GetString() == "paused", "the clerk's task to stand still");
        return task;
    }

    private static async Task<JsonElement> TaskAsync(AllInOneHost host, string task) =>
        (await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("task");

    private static async Task<string> NoticeAsync(AllInOneHost host, Guid id, string kind, string? language = null)
    {
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}", language),
            a => a.GetProperty("notifications").EnumerateArray().Any(n => n.GetProperty("kind").GetString() == kind),
            $"the {kind} notice");
        return application.GetProperty("notifications").EnumerateArray().Last(n => n.GetProperty("kind").GetString() == kind).GetProperty("message").GetString()!;
    }

    private static JsonElement Licence(JsonElement clocks) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("id").GetString() == "business-licence");
}
