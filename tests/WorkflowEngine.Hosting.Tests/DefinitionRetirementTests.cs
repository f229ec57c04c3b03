using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;
using Xunit;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// An administrator retires a published version (new applications stop using it, those under way finish on it) and
/// discards a draft (published versions are never deleted).
/// </summary>
[Trait("Category", "Integration")]
public sealed class DefinitionRetirementTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task RetireNewestVersion_StopsNewApplications_AndTheRunningOneFinishesOnIt()
    {
        var version = await Host.PublishAsync(Yaml("retire-newest"));
        using var citizen = Host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", Application("retire-newest"));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var applicationId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var admin = Host.Client("admin");

        using var retired = await admin.PostAsync($"/api/definitions/retire-newest/versions/{version}/retire", null);

        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("retired", (await retired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        using var refused = await citizen.PostAsJsonAsync("/api/applications", Application("retire-newest"));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("没有已发布的事项", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await citizen.GetAsync("/api/services/retire-newest")).StatusCode);
        Assert.DoesNotContain((await Host.GetJsonAsync("zhangsan", "/api/services")).EnumerateArray(), s => s.GetProperty("id").GetString() == "retire-newest");
        var listed = (await Host.GetJsonAsync("admin", "/api/definitions")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == "retire-newest");
        Assert.Equal("retired", listed.GetProperty("versions")[0].GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/definitions/retire-newest/versions/{version}/retire", null)).StatusCode);

        // The application accepted before keeps its version and finishes on it.
        var task = await Host.TaskOfAsync(applicationId, "HRSS", "hrss-clerk");
        using var clerk = Host.Client("hrss-clerk");
        (await clerk.PostAsync($"/api/tasks/{task.GetProperty("id").GetString()}/claim", null)).EnsureSuccessStatusCode();
        (await clerk.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        var finished = await AllInOneHost.EventuallyAsync(
            () => Host.GetJsonAsync("zhangsan", $"/api/applications/{applicationId}"),
            a => a.GetProperty("status").GetString() == "completed",
            "the application on the retired version to complete");
        Assert.Equal(version, finished.GetProperty("serviceVersion").GetInt32());
    }

    [Fact]
    public async Task RetireAnOlderVersion_LeavesTheNewestInUse_AndTheOldOneCannotBePublishedAgain()
    {
        var first = await Host.PublishAsync(Yaml("retire-older"));
        var second = await Host.PublishAsync(Yaml("retire-older").Replace("就业登记", "就业登记（新版）", StringComparison.Ordinal));
        using var admin = Host.Client("admin");

        (await admin.PostAsync($"/api/definitions/retire-older/versions/{first}/retire", null)).EnsureSuccessStatusCode();

        using var citizen = Host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", Application("retire-older"));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var application = await Host.GetJsonAsync("zhangsan", $"/api/applications/{(await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}");
        Assert.Equal(second, application.GetProperty("serviceVersion").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/definitions/retire-older/publish?version={first}", null)).StatusCode);
    }

    [Fact]
    public async Task RetireOnTheAdministratorsPage_RecordsWhoAndWhen_OnThePagesAndInTheApi()
    {
        var version = await Host.PublishAsync(Yaml("retire-recorded"));
        Host.Clock.Advance(TimeSpan.FromMinutes(47));
        var retiredAt = Host.Clock.GetUtcNow();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "admin", "Demo#2026");
        var page = $"/admin/definitions/retire-recorded/versions/{version}";
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);

        using var retired = await browser.PostAsync(page + "?handler=Retire", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("confirmed", "true")]));
        Host.Clock.Advance(TimeSpan.FromHours(2));
        using var again = await Host.Client("admin").PostAsync($"/api/definitions/retire-recorded/versions/{version}/retire", null);

        Assert.True(retired.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, retired.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var listed = (await Host.GetJsonAsync("admin", "/api/definitions")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == "retire-recorded");
        var stored = listed.GetProperty("versions")[0];
        Assert.Equal("admin", stored.GetProperty("retiredBy").GetString());
        Assert.Equal(retiredAt, stored.GetProperty("retiredAt").GetDateTimeOffset());
        var beijing = retiredAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        Assert.Contains($"停用于 {beijing}（admin）", WebUtility.HtmlDecode(await browser.GetStringAsync(page)), StringComparison.Ordinal);
        Assert.Contains($"<td>{beijing} admin</td>", WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/definitions")), StringComparison.Ordinal);

        // The system-wide record of administrators' changes has the retirement once (the refused second one left none),
        // in the API and on its page.
        var changes = (await Host.GetJsonAsync("admin", "/api/admin/changes?kind=definition&limit=500")).EnumerateArray()
            .Where(c => c.GetProperty("targetId").GetString() == "retire-recorded").ToArray();
        var retirement = Assert.Single(changes, c => c.GetProperty("action").GetString() == "definition-retired");
        Assert.Equal(("admin", $"version={version}", retiredAt), (
            retirement.GetProperty("actor").GetString(), retirement.GetProperty("detail").GetString(), retirement.GetProperty("at").GetDateTimeOffset()));
        Assert.Single(changes, c => c.GetProperty("action").GetString() == "definition-published");
        var listedPage = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/changes?kind=definition"));
        Assert.Contains($"<td>{beijing}</td>", listedPage, StringComparison.Ordinal);
        Assert.Contains("停用版本", listedPage, StringComparison.Ordinal);
        Assert.Contains(">retire-recorded</a>", listedPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiscardDraft_DeletesOnlyADraft_AndOnlyAnAdministratorMay()
    {
        var published = await Host.PublishAsync(Yaml("discard-draft"));
        using var admin = Host.Client("admin");
        using var saved = await admin.PostAsync("/api/definitions", new StringContent(Yaml("discard-draft").Replace("就业登记", "草稿", StringComparison.Ordinal), Encoding.UTF8, "application/yaml"));
        var draft = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        using var clerk = Host.Client("hrss-clerk");

        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.DeleteAsync($"/api/definitions/discard-draft/versions/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsync($"/api/definitions/discard-draft/versions/{published}/retire", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/definitions/discard-draft/versions/{draft}/retire", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/definitions/discard-draft/versions/{draft}")).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/definitions/discard-draft/versions/{draft}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/definitions/discard-draft/versions/{draft}")).StatusCode);
        using var refused = await admin.DeleteAsync($"/api/definitions/discard-draft/versions/{published}");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("只能停用", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/definitions/discard-draft/versions/{published}")).StatusCode);
        using var citizen = Host.Client("zhangsan");
        Assert.Equal(HttpStatusCode.OK, (await citizen.GetAsync("/api/services/discard-draft")).StatusCode);

        // Only an administrator reads the record of administrators' changes; the discard is in it, the refusals are not.
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/changes")).StatusCode);
        var field = ProblemAssert.FieldError(await ProblemAssert.IsAsync(await admin.GetAsync("/api/admin/changes?kind=application"), HttpStatusCode.BadRequest), "kind");
        Assert.Contains("definition", field, StringComparison.Ordinal);
        foreach (var query in new[] { "kind=%00", "kind=definition%E2%80%AE", "kind=" + new string('d', 5000), "limit=abc", "offset=2147483648" })
        {
            using var hostile = await admin.GetAsync("/api/admin/changes?" + query);
            await ProblemAssert.IsAsync(hostile, HttpStatusCode.BadRequest);
        }

        Assert.Single((await Host.GetJsonAsync("admin", "/api/admin/changes?limit=1&offset=0")).EnumerateArray());
        var changes = (await Host.GetJsonAsync("admin", "/api/admin/changes?kind=definition&limit=500")).EnumerateArray()
            .Where(c => c.GetProperty("targetId").GetString() == "discard-draft").Select(c => c.GetProperty("action").GetString()!).ToArray();
        Assert.Equal(["draft-discarded", "definition-published"], changes);
    }

    [Fact]
    public async Task RetireOnThePage_AsksFirst_SayingWhatKeepsRunningAndThatNewApplicationsStop_AndRetiresOnlyOnceConfirmed()
    {
        var version = await Host.PublishAsync(Yaml("retire-confirmed"));
        using var citizen = Host.Client("zhangsan");
        (await citizen.PostAsJsonAsync("/api/applications", Application("retire-confirmed"))).EnsureSuccessStatusCode();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "admin", "Demo#2026");
        var page = $"/admin/definitions/retire-confirmed/versions/{version}";
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);

        // The version's page offers the step, not the act: a link to the confirmation.
        Assert.Contains($"href=\"{page}?confirm=retire#confirm\"", await browser.GetStringAsync(page), StringComparison.Ordinal);
        // A post without the confirmation (one click on an old form, a script) is shown the consequences instead.
        using var unconfirmed = await browser.PostAsync(page + "?handler=Retire", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Equal($"{page}?confirm=retire#confirm", unconfirmed.Headers.Location?.OriginalString);
        Assert.Equal("published", (await StoredAsync("retire-confirmed")).GetProperty("status").GetString());

        var confirm = WebUtility.HtmlDecode(await browser.GetStringAsync(page + "?confirm=retire"));
        Assert.Contains("停用第 1 版？", confirm, StringComparison.Ordinal);
        Assert.Contains("按此版在办的 1 份申请照常办完。", confirm, StringComparison.Ordinal);
        Assert.Contains("这是最新发布的版本：停用后本事项停止受理新申请，直到发布新版本。", confirm, StringComparison.Ordinal);
        using var confirmed = await browser.PostAsync(
            page + "?handler=Retire", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("confirmed", "true")]));

        Assert.Equal($"{page}?done=retired", confirmed.Headers.Location?.OriginalString);
        Assert.Equal("retired", (await StoredAsync("retire-confirmed")).GetProperty("status").GetString());

        async Task<JsonElement> StoredAsync(string id) =>
            (await Host.GetJsonAsync("admin", "/api/definitions")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == id).GetProperty("versions")[0];
    }

    [Fact]
    public async Task DiscardOnThePage_AsksFirst_AndKeepsTheDraftUntilConfirmed()
    {
        using var admin = Host.Client("admin");
        using var saved = await admin.PostAsync("/api/definitions", new StringContent(Yaml("discard-confirmed"), Encoding.UTF8, "application/yaml"));
        saved.EnsureSuccessStatusCode();
        var version = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "admin", "Demo#2026");
        var page = $"/admin/definitions/discard-confirmed/versions/{version}";
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);

        using var unconfirmed = await browser.PostAsync(page + "?handler=Discard", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal($"{page}?confirm=discard#confirm", unconfirmed.Headers.Location?.OriginalString);
        var confirm = WebUtility.HtmlDecode(await browser.GetStringAsync(page + "?confirm=discard"));
        Assert.Contains("草稿及其内容将被删除，不能恢复。", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(page)).StatusCode);
    }

    private static string Yaml(string id) => $$"""
        id: {{id}}
        title: 停用测试
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        form:
          - { key: name, label: 姓名, type: text, required: true }
        flow:
          - { id: registration, activity: department-task, title: 就业登记, department: HRSS, limit: { workingDays: 3 } }
        """;

    private static object Application(string id) => new { serviceId = id, form = new { name = "张三" } };
}
