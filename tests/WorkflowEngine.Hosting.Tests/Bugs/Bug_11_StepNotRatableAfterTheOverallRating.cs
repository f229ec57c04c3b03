using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// 一事一评: an applicant who rated the application as a whole without rating a decided step could never rate that step:
/// the API answered every later rating "rated already" and the progress page offered nothing. A decided step not rated
/// yet is now rated on its own after the overall rating — once, on its own audit line, through the engine's commit —
/// and counts at once for its department's satisfaction and in the administrators' list. A step not decided, one the
/// application does not have, a level out of range and a step rated before are refused naming the step.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_StepNotRatableAfterTheOverallRating(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Licence = "business-licence";

    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task AStepLeftUnrated_IsRatedAlone_AfterTheOverallRating_Once_Audited_AndCountsForItsDepartment()
    {
        var id = await RatingTests.RefusedApplicationAsync(Host);
        using var citizen = Host.Client("zhangsan");
        var satisfaction = Host.Services.GetRequiredService<IRatingStore>();
        async Task<Satisfaction?> SamrAsync() => (await satisfaction.ByDepartmentAsync(CancellationToken.None)).FirstOrDefault(s => s.Key == "SAMR");

        // (Steps alone before the overall rating are rated too: Bug_11_StepNotRatableBeforeTheOverallRating.)
        var before = await SamrAsync();
        await ProblemAssert.JsonAsync(await RatingTests.RateAsync(citizen, id, new { level = 5 }), HttpStatusCode.Created);
        var overall = await SamrAsync();
        Assert.Equal(((before?.Ratings ?? 0) + 1, (before?.Satisfied ?? 0) + 1), (overall!.Ratings, overall.Satisfied));

        // Hostile step ratings, each refused naming the step, none stored.
        var notDecided = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = "seal-engraving", level = 5 } } }), HttpStatusCode.BadRequest);
        Assert.Contains("seal-engraving", ProblemAssert.FieldError(notDecided, "steps.seal-engraving"), StringComparison.Ordinal);
        var notItsOwn = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = "planning-permit", level = 5 } } }, "en"), HttpStatusCode.BadRequest);
        Assert.Matches("^Application YB\\S+ has no department step \"planning-permit\"$", ProblemAssert.FieldError(notItsOwn, "steps.planning-permit"));
        var outOfRange = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = Licence, level = 7 } } }), HttpStatusCode.BadRequest);
        Assert.Contains("1（非常不满意）到 5（非常满意）", ProblemAssert.FieldError(outOfRange, $"steps.{Licence}.level"), StringComparison.Ordinal);
        var none = await ProblemAssert.IsAsync(await RatingTests.RateAsync(citizen, id, new { steps = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.Contains("请至少评价一个环节", ProblemAssert.FieldError(none, "steps"), StringComparison.Ordinal);
        // The overall rating is not given again beside them.
        await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { level = 1, reason = "改主意了", steps = new[] { new { step = Licence, level = 5 } } }), HttpStatusCode.Conflict);
        Assert.Empty((await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/rating")).GetProperty("steps").EnumerateArray());

        var rated = await ProblemAssert.JsonAsync(await RatingTests.RateAsync(citizen, id, new
        {
            steps = new[] { new { step = Licence, level = 1, reason = "前置审批要求没有事先告知" } },
        }), HttpStatusCode.Created);
        Assert.Equal(5, rated.GetProperty("level").GetInt32());
        var step = Assert.Single(rated.GetProperty("steps").EnumerateArray());
        Assert.Equal((Licence, 1, "前置审批要求没有事先告知"), (step.GetProperty("stepId").GetString(), step.GetProperty("level").GetInt32(), step.GetProperty("reason").GetString()));

        // Once: a second rating of the step is a conflict naming it.
        var twice = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = Licence, level = 5 } } }), HttpStatusCode.Conflict);
        Assert.Contains("已经评价过了", ProblemAssert.FieldError(twice, $"steps.{Licence}"), StringComparison.Ordinal);

        // On the trail, its own line naming the step, on a chain that still verifies.
        var trail = await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit");
        Assert.True(trail.GetProperty("verified").GetBoolean(), trail.ToString());
        var line = Assert.Single(trail.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == RatingAuditTypes.StepRated);
        Assert.Equal(Licence, line.GetProperty("stepId").GetString());
        Assert.Equal("1", line.GetProperty("data").GetProperty("level").GetString());

        // SAMR's satisfaction now counts its own step's rating instead of the overall one; the administrators find it to follow up.
        var after = await SamrAsync();
        Assert.Equal(((before?.Ratings ?? 0) + 1, before?.Satisfied ?? 0), (after!.Ratings, after.Satisfied));
        var open = await Host.GetJsonAsync("admin", "/api/admin/ratings?bad=true&open=true&department=SAMR");
        Assert.Contains(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);
        using var admin = Host.Client("admin");
        await ProblemAssert.JsonAsync(
            await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已在一次性告知单中补充前置审批事项", step = Licence }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheProgressPage_OffersTheDecidedStepsNotRatedYet_AfterTheOverallRating()
    {
        var id = await RatingTests.RefusedApplicationAsync(Host);
        using (var citizen = Host.Client("zhangsan"))
        {
            (await RatingTests.RateAsync(citizen, id, new { level = 4 })).EnsureSuccessStatusCode();
        }

        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");
        var path = $"/applications/{id}";

        var page = Regex.Replace(WebUtility.HtmlDecode(await browser.GetStringAsync(path)), @">\s+<", "><");
        Assert.Contains("id=\"rating-given\"", page, StringComparison.Ordinal);
        Assert.Contains("评价尚未单独评价的环节（一事一评）", page, StringComparison.Ordinal);
        Assert.Matches($"<fieldset [^>]*id=\"rating-steps\\.{Licence}\\.level\"[^>]*><legend>市场监督管理局 · [^<]+</legend>", page);
        Assert.DoesNotContain("name=\"level\"", page, StringComparison.Ordinal);

        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, path);
        MultipartFormDataContent Form(string level, string? reason)
        {
            var form = new MultipartFormDataContent { { new StringContent(level), $"steps.{Licence}.level" }, { new StringContent(token), "__RequestVerificationToken" } };
            if (reason is not null)
            {
                form.Add(new StringContent(reason), $"steps.{Licence}.reason");
            }

            return form;
        }

        using (var nothing = await browser.PostAsync($"{path}?handler=Rate", Form("", null)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
            Assert.Contains("id=\"rating-steps-error\">这件申请已经评价过了；如需单独评价尚未评价的办理环节，请至少评价一个环节",
                WebUtility.HtmlDecode(await nothing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        using (var noReason = await browser.PostAsync($"{path}?handler=Rate", Form("2", null)))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
            var again = WebUtility.HtmlDecode(await noReason.Content.ReadAsStringAsync());
            Assert.Contains($"id=\"rating-steps.{Licence}.reason-error\">评价为“不满意”或“非常不满意”时，请写明原因，以便整改", again, StringComparison.Ordinal);
            Assert.Matches($"name=\"steps\\.{Licence}\\.level\" value=\"2\" checked", again);
        }

        using (var sent = await browser.PostAsync($"{path}?handler=Rate", Form("2", "材料清单与窗口说法不一")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }

        var rating = await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/rating");
        Assert.Equal(4, rating.GetProperty("level").GetInt32());
        var step = Assert.Single(rating.GetProperty("steps").EnumerateArray());
        Assert.Equal((2, "材料清单与窗口说法不一"), (step.GetProperty("level").GetInt32(), step.GetProperty("reason").GetString()));
        var shown = WebUtility.HtmlDecode(await browser.GetStringAsync(path));
        Assert.Contains("各部门的评价", shown, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"steps.{Licence}.level\"", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("评价尚未单独评价的环节", shown, StringComparison.Ordinal);
    }
}
