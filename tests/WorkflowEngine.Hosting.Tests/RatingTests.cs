using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 好差评 over the API: the applicant rates an ended application once; a bad rating needs a reason and an administrator
/// records its follow-up (整改); nobody else rates; hostile comments are refused with a clear message; the public
/// dashboard shows the satisfaction.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RatingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    private Task<Guid> RefusedApplicationAsync(string citizen = "zhangsan") => RefusedApplicationAsync(Host, citizen);

    /// <summary>A new 企业开办 that the SAMR clerk refuses, so that it has ended; returns its id.</summary>
    internal static async Task<Guid> RefusedApplicationAsync(AllInOneHost host, string citizen = "zhangsan")
    {
        var id = await host.SubmitBusinessOpeningAsync(citizen);
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "rejected", reason = "经营范围含需前置审批的项目" })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync(citizen, $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "rejected", "the refusal");
        return id;
    }

    internal static async Task<HttpResponseMessage> RateAsync(HttpClient client, Guid id, object body, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/rating") { Content = JsonContent.Create(body) };
        if (language is not null)
        {
            request.Headers.Add("Accept-Language", language);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task TheApplicant_RatesOnlyOnceTheApplicationHasEnded_AndOnlyOnce_AndTheRatingIsOnTheTrail()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        await Host.TaskOfAsync(id);
        using var citizen = Host.Client("zhangsan");
        var early = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 5 }), HttpStatusCode.Conflict);
        Assert.Equal("申请尚未办结，办结后才能评价整体；已办结的环节可以先单独评价", early.GetProperty("detail").GetString());

        id = await RefusedApplicationAsync();
        // Nobody else rates it: another applicant is told it does not exist, the clerk and the administrator who see it are refused.
        using (var other = Host.Client("lisi"))
        {
            await ProblemAssert.IsAsync(await RateAsync(other, id, new { level = 1, reason = "不是我的" }), HttpStatusCode.NotFound);
        }

        using (var clerk = Host.Client("samr-clerk"))
        {
            await ProblemAssert.IsAsync(await RateAsync(clerk, id, new { level = 5 }), HttpStatusCode.Forbidden);
        }

        using (var admin = Host.Client("admin"))
        {
            await ProblemAssert.IsAsync(await RateAsync(admin, id, new { level = 5 }), HttpStatusCode.Forbidden);
        }

        using var rated = await RateAsync(citizen, id, new { level = 4, comment = "  窗口引导清楚，一次办好  " });
        var rating = await ProblemAssert.JsonAsync(rated, HttpStatusCode.Created);
        Assert.Equal(4, rating.GetProperty("level").GetInt32());
        Assert.Equal("满意", rating.GetProperty("levelName").GetString());
        Assert.Equal("窗口引导清楚，一次办好", rating.GetProperty("comment").GetString());
        Assert.Equal(["SAMR"], rating.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        Assert.False(rating.GetProperty("needsFollowUp").GetBoolean());

        var again = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 1, reason = "改主意了" }), HttpStatusCode.Conflict);
        Assert.Equal("这件申请已经评价过了，每件申请只能评价一次", again.GetProperty("detail").GetString());
        var english = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 1, reason = "changed my mind" }, "en"), HttpStatusCode.Conflict);
        Assert.Equal("This application has been rated already: each application is rated once", english.GetProperty("detail").GetString());
        Assert.Equal(4, (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/rating")).GetProperty("level").GetInt32());

        var audit = (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var line = Assert.Single(audit, e => e.GetProperty("type").GetString() == "Rated");
        Assert.Equal("zhangsan", line.GetProperty("actor").GetString());
        Assert.Equal("4", line.GetProperty("data").GetProperty("level").GetString());
    }

    [Fact]
    public async Task ABadRating_NeedsAReason_AndAnAdministratorRecordsItsFollowUpOnce()
    {
        var id = await RefusedApplicationAsync();
        using var citizen = Host.Client("zhangsan");
        var noReason = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 2, reason = "   " }), HttpStatusCode.BadRequest);
        Assert.Equal("评价为“不满意”或“非常不满意”时，请写明原因，以便整改", ProblemAssert.FieldError(noReason, "reason"));
        var outOfRange = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 6 }), HttpStatusCode.BadRequest);
        Assert.Contains("1（非常不满意）到 5（非常满意）", ProblemAssert.FieldError(outOfRange, "level"), StringComparison.Ordinal);
        var noLevel = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { comment = "忘了选" }, "en"), HttpStatusCode.BadRequest);
        Assert.Equal("Choose a rating", ProblemAssert.FieldError(noLevel, "level"));

        var rating = await ProblemAssert.JsonAsync(await RateAsync(citizen, id, new { level = 1, reason = "材料被退回三次，每次说法不一" }), HttpStatusCode.Created);
        Assert.True(rating.GetProperty("needsFollowUp").GetBoolean());
        Assert.Equal("材料被退回三次，每次说法不一", rating.GetProperty("reason").GetString());

        var open = await Host.GetJsonAsync("admin", "/api/admin/ratings?bad=true&open=true&department=SAMR");
        Assert.Contains(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);
        using var admin = Host.Client("admin");
        await ProblemAssert.IsAsync(await admin.GetAsync("/api/admin/ratings?level=9"), HttpStatusCode.BadRequest);
        using (var clerk = Host.Client("samr-clerk"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await clerk.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "不该由我" })).StatusCode);
        }

        var empty = await ProblemAssert.IsAsync(await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "" }), HttpStatusCode.BadRequest);
        Assert.Equal("请填写整改情况", ProblemAssert.FieldError(empty, "note"));
        var followed = await ProblemAssert.JsonAsync(
            await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已约谈窗口负责人，一次性告知单已修订" }), HttpStatusCode.OK);
        Assert.False(followed.GetProperty("needsFollowUp").GetBoolean());
        Assert.Equal("已约谈窗口负责人，一次性告知单已修订", followed.GetProperty("followUp").GetString());
        await ProblemAssert.IsAsync(await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "再记一次" }), HttpStatusCode.Conflict);

        var stillOpen = await Host.GetJsonAsync("admin", "/api/admin/ratings?bad=true&open=true");
        Assert.DoesNotContain(stillOpen.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);
        var audit = (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var line = Assert.Single(audit, e => e.GetProperty("type").GetString() == "RatingFollowedUp");
        Assert.Equal("admin", line.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task HostileComments_AreRefusedWithAClearMessage_AndAReaderCountsCharactersAsTheySeeThem()
    {
        var id = await RefusedApplicationAsync();
        using var citizen = Host.Client("zhangsan");

        var oversized = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 5, comment = new string('好', 501) }), HttpStatusCode.BadRequest);
        Assert.Equal("评价内容不能超过 500 个字", ProblemAssert.FieldError(oversized, "comment"));
        var control = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 5, comment = "很好\u0007" }), HttpStatusCode.BadRequest);
        Assert.Contains("不允许的控制字符 U+0007", ProblemAssert.FieldError(control, "comment"), StringComparison.Ordinal);
        var rtl = await ProblemAssert.IsAsync(await RateAsync(citizen, id, new { level = 2, reason = "差评\u202E意满常非" }, "en"), HttpStatusCode.BadRequest);
        Assert.Equal("The reason contains a character that changes the direction of the text (U+202E): remove it and send again", ProblemAssert.FieldError(rtl, "reason"));

        // A body far over the JSON bound is refused before it is read.
        using (var huge = new HttpRequestMessage(HttpMethod.Post, $"/api/applications/{id}/rating")
        {
            Content = new StringContent("{\"level\":5,\"comment\":\"" + new string('a', 2_000_000) + "\"}", Encoding.UTF8, "application/json"),
        })
        {
            huge.Headers.ExpectContinue = true;
            await ProblemAssert.IsAsync(await citizen.SendAsync(huge), HttpStatusCode.RequestEntityTooLarge);
        }

        // Nothing refused was stored; 500 emoji with a skin tone (1,000 UTF-16 units, 2 code points each) are 500 characters to a reader.
        await ProblemAssert.IsAsync(await citizen.GetAsync($"/api/applications/{id}/rating"), HttpStatusCode.NotFound);
        var thumbs = string.Concat(Enumerable.Repeat("👍🏽", 500));
        var rating = await ProblemAssert.JsonAsync(await RateAsync(citizen, id, new { level = 5, comment = thumbs }), HttpStatusCode.Created);
        Assert.Equal(thumbs, rating.GetProperty("comment").GetString());
    }

    [Fact]
    public async Task ThePublicDashboard_ShowsSatisfactionByDepartmentAndService()
    {
        var id = await RefusedApplicationAsync("lisi");
        using var citizen = Host.Client("lisi");
        (await RateAsync(citizen, id, new { level = 5 })).EnsureSuccessStatusCode();

        using var visitor = Host.Client();
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync("/public"));
        Assert.Contains("各部门满意率", page, StringComparison.Ordinal);
        Assert.Contains("id=\"satisfaction-by-department\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"satisfaction-by-service\"", page, StringComparison.Ordinal);
        var table = page[page.IndexOf("id=\"satisfaction-by-department\"", StringComparison.Ordinal)..];
        Assert.Matches("市场监督管理局</th>\\s*<td class=\"number\">\\d+</td>\\s*<td class=\"number\">[\\d.]+%</td>", table);
    }
}
