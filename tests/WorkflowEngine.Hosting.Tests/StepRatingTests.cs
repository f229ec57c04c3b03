using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 一事一评: beside the overall rating, the applicant rates each decided department step, once, by the same rules; a
/// step that is not decided, unknown or another application's is refused naming it; the step ratings are on the same
/// audit line as the overall one, listed and filtered with their department, and each bad one is followed up on its own.
/// The progress page offers one row per decided step.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StepRatingTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Licence = "business-licence";

    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task AStepNotDecided_Unknown_OrRatedTwice_IsRefusedNamingIt_AndNothingIsStored()
    {
        var id = await RatingTests.RefusedApplicationAsync(Host);
        using var citizen = Host.Client("zhangsan");

        // The seal step never ran: SAMR refused the licence before the parallel registrations.
        var notDecided = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { level = 4, steps = new[] { new { step = "seal-engraving", level = 5 } } }), HttpStatusCode.BadRequest);
        Assert.Contains("seal-engraving", ProblemAssert.FieldError(notDecided, "steps.seal-engraving"), StringComparison.Ordinal);

        // A step of another service's flow is not this application's.
        var unknown = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { level = 4, steps = new[] { new { step = "planning-permit", level = 5 } } }, "en"), HttpStatusCode.BadRequest);
        Assert.Matches("^Application YB\\S+ has no department step \"planning-permit\"$", ProblemAssert.FieldError(unknown, "steps.planning-permit"));

        var twice = await ProblemAssert.IsAsync(await RatingTests.RateAsync(citizen, id, new
        {
            level = 4,
            steps = new[] { new { step = Licence, level = 5 }, new { step = Licence, level = 3 } },
        }), HttpStatusCode.BadRequest);
        Assert.Contains("每个环节只能评价一次", ProblemAssert.FieldError(twice, $"steps.{Licence}"), StringComparison.Ordinal);

        var noReason = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { level = 4, steps = new[] { new { step = Licence, level = 2 } } }), HttpStatusCode.BadRequest);
        Assert.Equal("评价为“不满意”或“非常不满意”时，请写明原因，以便整改", ProblemAssert.FieldError(noReason, $"steps.{Licence}.reason"));

        await ProblemAssert.IsAsync(await citizen.GetAsync($"/api/applications/{id}/rating"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AStepRating_IsStoredWithTheOverallOne_OnItsAuditLine_ListedByDepartment_AndFollowedUpOnItsOwn()
    {
        var id = await RatingTests.RefusedApplicationAsync(Host);
        using var citizen = Host.Client("zhangsan");

        var rating = await ProblemAssert.JsonAsync(await RatingTests.RateAsync(citizen, id, new
        {
            level = 4,
            comment = "窗口服务很好",
            steps = new[] { new { step = Licence, level = 1, reason = "  前置审批要求没有事先告知  " } },
        }), HttpStatusCode.Created);
        Assert.False(rating.GetProperty("needsFollowUp").GetBoolean());
        var step = Assert.Single(rating.GetProperty("steps").EnumerateArray());
        Assert.Equal((Licence, "SAMR", 1, "非常不满意"), (step.GetProperty("stepId").GetString(), step.GetProperty("department").GetString(),
            step.GetProperty("level").GetInt32(), step.GetProperty("levelName").GetString()));
        Assert.Equal("前置审批要求没有事先告知", step.GetProperty("reason").GetString());
        Assert.True(step.GetProperty("needsFollowUp").GetBoolean());

        // One line on the trail for the whole rating, naming each step's level: written in the same commit.
        var audit = (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        var line = Assert.Single(audit, e => e.GetProperty("type").GetString() == "Rated");
        Assert.Equal($"{Licence}:1", line.GetProperty("data").GetProperty("steps").GetString());

        // Listed as a bad one awaiting follow-up under its department, though the overall rating is good.
        var open = await Host.GetJsonAsync("admin", "/api/admin/ratings?bad=true&open=true&department=SAMR");
        Assert.Contains(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);
        var otherDepartment = await Host.GetJsonAsync("admin", "/api/admin/ratings?bad=true&department=PSB");
        Assert.DoesNotContain(otherDepartment.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);

        using var admin = Host.Client("admin");
        await ProblemAssert.IsAsync(await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "总体评价是满意" }), HttpStatusCode.Conflict);
        var missing = await ProblemAssert.IsAsync(
            await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "没有这个环节的评价", step = "seal-engraving" }), HttpStatusCode.NotFound);
        Assert.Contains("seal-engraving", missing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var followed = await ProblemAssert.JsonAsync(
            await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已在一次性告知单中补充前置审批事项", step = Licence }), HttpStatusCode.OK);
        var handled = Assert.Single(followed.GetProperty("steps").EnumerateArray());
        Assert.False(handled.GetProperty("needsFollowUp").GetBoolean());
        Assert.Equal("已在一次性告知单中补充前置审批事项", handled.GetProperty("followUp").GetString());
        await ProblemAssert.IsAsync(
            await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "再记一次", step = Licence }), HttpStatusCode.Conflict);

        var stillOpen = await Host.GetJsonAsync("admin", "/api/admin/ratings?bad=true&open=true");
        Assert.DoesNotContain(stillOpen.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);
        audit = (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray().ToArray();
        Assert.Equal(Licence, Assert.Single(audit, e => e.GetProperty("type").GetString() == "RatingFollowedUp").GetProperty("stepId").GetString());
    }

    [Fact]
    public async Task TheProgressPage_OffersARowPerDecidedStep_MarksAStepsErrorAtItsField_AndStoresTheStepRating()
    {
        var id = await RatingTests.RefusedApplicationAsync(Host);
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");
        var path = $"/applications/{id}";
        var page = Regex.Replace(WebUtility.HtmlDecode(await browser.GetStringAsync(path)), @">\s+<", "><");

        Assert.Contains("分别评价各部门的办理（一事一评，选填）", page, StringComparison.Ordinal);
        Assert.Matches($"<fieldset [^>]*id=\"rating-steps\\.{Licence}\\.level\"[^>]*><legend>市场监督管理局 · [^<]+</legend>", page);
        Assert.Contains($"name=\"steps.{Licence}.level\" value=\"\" checked", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"steps.seal-engraving.level\"", page, StringComparison.Ordinal);

        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, path);
        MultipartFormDataContent Form(string? reason)
        {
            var form = new MultipartFormDataContent
            {
                { new StringContent("4"), "level" },
                { new StringContent("2"), $"steps.{Licence}.level" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
            if (reason is not null)
            {
                form.Add(new StringContent(reason), $"steps.{Licence}.reason");
            }

            return form;
        }

        using (var refused = await browser.PostAsync($"{path}?handler=Rate", Form(null)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var again = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains($"id=\"rating-steps.{Licence}.reason-error\">评价为“不满意”或“非常不满意”时，请写明原因，以便整改", again, StringComparison.Ordinal);
            Assert.Contains($"href=\"#rating-steps.{Licence}.reason\"", again, StringComparison.Ordinal);
            Assert.Matches($"name=\"steps\\.{Licence}\\.level\" value=\"2\" checked", again);
        }

        using (var sent = await browser.PostAsync($"{path}?handler=Rate", Form("材料清单与窗口说法不一")))
        {
            Assert.True(sent.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.OK, sent.StatusCode.ToString());
        }

        var rating = await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/rating");
        var step = Assert.Single(rating.GetProperty("steps").EnumerateArray());
        Assert.Equal((2, "材料清单与窗口说法不一"), (step.GetProperty("level").GetInt32(), step.GetProperty("reason").GetString()));
        var shown = WebUtility.HtmlDecode(await browser.GetStringAsync(path));
        Assert.Contains("各部门的评价", shown, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"steps.{Licence}.level\"", shown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAdministratorsHome_CountsEachBadRatingAwaitingFollowUp_TheOverallOneAndEachStepsOnTheirOwn()
    {
        // A host of its own: the count is of every rating in the database.
        await using var host = await AllInOneHost.StartAsync();
        var id = await RatingTests.RefusedApplicationAsync(host);
        using (var citizen = host.Client("zhangsan"))
        {
            (await RatingTests.RateAsync(citizen, id, new
            {
                level = 1,
                reason = "材料被退回后才知道需要前置审批",
                steps = new[] { new { step = Licence, level = 2, reason = "前置审批要求没有事先告知" } },
            })).EnsureSuccessStatusCode();
        }

        using var admin = host.Client("admin");
        async Task<string> HomeAsync() => WebUtility.HtmlDecode(await admin.GetStringAsync("/admin"));

        Assert.Contains("2 条差评待整改", await HomeAsync(), StringComparison.Ordinal);
        (await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已在一次性告知单中补充前置审批事项", step = Licence })).EnsureSuccessStatusCode();
        Assert.Contains("1 条差评待整改", await HomeAsync(), StringComparison.Ordinal);
        (await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已电话回访申请人并致歉" })).EnsureSuccessStatusCode();
        Assert.Contains("0 条差评待整改", await HomeAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboard_SaysHowStepAndOverallRatingsMakeADepartmentsSatisfaction()
    {
        using var visitor = Host.Client();
        var id = await RatingTests.RefusedApplicationAsync(Host, "lisi");
        using (var citizen = Host.Client("lisi"))
        {
            (await RatingTests.RateAsync(citizen, id, new { level = 5, steps = new[] { new { step = Licence, level = 4 } } })).EnsureSuccessStatusCode();
        }

        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync("/public"));
        Assert.Contains("申请人单独评价了某部门的办理环节时，计该环节的评价", page, StringComparison.Ordinal);
    }
}
