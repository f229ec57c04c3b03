using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Ratings;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// 一事一评: a citizen whose 营业执照 step was decided while the rest of 企业开办 still ran could not rate that step: a
/// step was rated only with or after the overall rating, and that only once the whole application had ended. A decided
/// step is now rated as soon as it is decided — over the API with <c>steps</c> alone, and on the progress page right on
/// its timeline entry — once, on its own audit line; the rating stands alone (no overall rating) in the administrators'
/// list, its department's and service's satisfaction and the follow-ups of bad ratings; and the overall rating, when it
/// comes, does not ask for that step again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_StepNotRatableBeforeTheOverallRating(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Licence = "business-licence";

    private AllInOneHost Host => fixture.Host;

    /// <summary>A new 企业开办 whose licence SAMR approved, the other departments' steps still running; returns its id.</summary>
    private async Task<Guid> LicenceApprovedAsync()
    {
        var id = await Host.LicenceApprovedAsync();
        Assert.Equal("in-progress", (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());
        return id;
    }

    [Fact]
    public async Task ADecidedStep_IsRatedWhileTheApplicationRuns_Once_Audited_Listed_Counted_AndFollowedUp()
    {
        var id = await LicenceApprovedAsync();
        using var citizen = Host.Client("zhangsan");
        var store = Host.Services.GetRequiredService<IRatingStore>();
        async Task<Satisfaction?> SamrAsync() => (await store.ByDepartmentAsync(CancellationToken.None)).FirstOrDefault(s => s.Key == "SAMR");
        async Task<Satisfaction?> ServiceAsync() => (await store.ByServiceAsync(CancellationToken.None)).FirstOrDefault(s => s.Key == "business-opening");
        var (samrBefore, serviceBefore, openBefore) = (await SamrAsync(), await ServiceAsync(), await store.CountAwaitingFollowUpAsync(CancellationToken.None));

        // The whole application is not rated while it runs; its decided step is, naming what is wrong where it is.
        await ProblemAssert.IsAsync(await RatingTests.RateAsync(citizen, id, new { level = 5 }), HttpStatusCode.Conflict);
        var notDecided = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = "seal-engraving", level = 5 } } }), HttpStatusCode.BadRequest);
        Assert.Contains("尚未办结", ProblemAssert.FieldError(notDecided, "steps.seal-engraving"), StringComparison.Ordinal);
        var notItsOwn = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = "planning-permit", level = 5 } } }, "en"), HttpStatusCode.BadRequest);
        Assert.Matches("^Application YB\\S+ has no department step \"planning-permit\"$", ProblemAssert.FieldError(notItsOwn, "steps.planning-permit"));
        var outOfRange = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = Licence, level = 0 } } }), HttpStatusCode.BadRequest);
        Assert.Contains("1（非常不满意）到 5（非常满意）", ProblemAssert.FieldError(outOfRange, $"steps.{Licence}.level"), StringComparison.Ordinal);
        await ProblemAssert.IsAsync(await citizen.GetAsync($"/api/applications/{id}/rating"), HttpStatusCode.NotFound);

        var rated = await ProblemAssert.JsonAsync(await RatingTests.RateAsync(citizen, id, new
        {
            steps = new[] { new { step = Licence, level = 2, reason = "窗口让我跑了两趟" } },
        }), HttpStatusCode.Created);
        Assert.Equal(JsonValueKindNull, rated.GetProperty("level").ValueKind);
        var step = Assert.Single(rated.GetProperty("steps").EnumerateArray());
        Assert.Equal((Licence, 2, "窗口让我跑了两趟", true), (step.GetProperty("stepId").GetString(), step.GetProperty("level").GetInt32(),
            step.GetProperty("reason").GetString(), step.GetProperty("needsFollowUp").GetBoolean()));
        Assert.Equal("in-progress", (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("status").GetString());

        // Once.
        var twice = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = Licence, level = 5 } } }), HttpStatusCode.Conflict);
        Assert.Contains("已经评价过了", ProblemAssert.FieldError(twice, $"steps.{Licence}"), StringComparison.Ordinal);

        // Its own line on a trail that still verifies.
        var trail = await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit");
        Assert.True(trail.GetProperty("verified").GetBoolean(), trail.ToString());
        var line = Assert.Single(trail.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == RatingAuditTypes.StepRated);
        Assert.Equal((Licence, "2"), (line.GetProperty("stepId").GetString(), line.GetProperty("data").GetProperty("level").GetString()));
        Assert.DoesNotContain(trail.GetProperty("entries").EnumerateArray(), e => e.GetProperty("type").GetString() == RatingAuditTypes.Rated);

        // Standing alone, it counts: SAMR's and the service's satisfaction, the bad ratings awaiting follow-up, the list.
        var (samr, service) = (await SamrAsync(), await ServiceAsync());
        Assert.Equal(((samrBefore?.Ratings ?? 0) + 1, samrBefore?.Satisfied ?? 0), (samr!.Ratings, samr.Satisfied));
        Assert.Equal(((serviceBefore?.Ratings ?? 0) + 1, serviceBefore?.Satisfied ?? 0), (service!.Ratings, service.Satisfied));
        Assert.Equal(openBefore + 1, await store.CountAwaitingFollowUpAsync(CancellationToken.None));
        var open = await Host.GetJsonAsync("admin", "/api/admin/ratings?bad=true&open=true&department=SAMR&service=business-opening");
        var listed = Assert.Single(open.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);
        Assert.Equal(JsonValueKindNull, listed.GetProperty("level").ValueKind);
        Assert.StartsWith("YB", listed.GetProperty("trackingNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal(new[] { "SAMR" }, listed.GetProperty("departments").EnumerateArray().Select(d => d.GetString()));
        var otherDepartment = await Host.GetJsonAsync("admin", "/api/admin/ratings?department=PSB");
        Assert.DoesNotContain(otherDepartment.GetProperty("items").EnumerateArray(), r => r.GetProperty("applicationId").GetGuid() == id);

        // Its follow-up (整改), on its own; there is no overall rating to follow up.
        using var admin = Host.Client("admin");
        await ProblemAssert.IsAsync(await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "无总体评价" }), HttpStatusCode.NotFound);
        var followedUp = await ProblemAssert.JsonAsync(
            await admin.PostAsJsonAsync($"/api/admin/ratings/{id}/follow-up", new { note = "已约谈窗口人员并改为一次办结", step = Licence }), HttpStatusCode.OK);
        Assert.False(Assert.Single(followedUp.GetProperty("steps").EnumerateArray()).GetProperty("needsFollowUp").GetBoolean());
        Assert.Equal(openBefore, await store.CountAwaitingFollowUpAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AStepRatedBeforeTheOverallRating_IsNotAskedAgain_AndTheOverallRatingKeepsIt()
    {
        var id = await RatingTests.RefusedApplicationAsync(Host);
        using var citizen = Host.Client("zhangsan");

        await ProblemAssert.JsonAsync(
            await RatingTests.RateAsync(citizen, id, new { steps = new[] { new { step = Licence, level = 4 } } }), HttpStatusCode.Created);

        // Sent again beside the overall rating, it is refused naming it, and nothing is stored.
        var again = await ProblemAssert.IsAsync(
            await RatingTests.RateAsync(citizen, id, new { level = 5, steps = new[] { new { step = Licence, level = 1, reason = "改主意了" } } }), HttpStatusCode.Conflict);
        Assert.Contains("已经评价过了", ProblemAssert.FieldError(again, $"steps.{Licence}"), StringComparison.Ordinal);
        Assert.Equal(JsonValueKindNull, (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/rating")).GetProperty("level").ValueKind);

        var overall = await ProblemAssert.JsonAsync(await RatingTests.RateAsync(citizen, id, new { level = 5 }), HttpStatusCode.Created);
        Assert.Equal(5, overall.GetProperty("level").GetInt32());
        var kept = Assert.Single(overall.GetProperty("steps").EnumerateArray());
        Assert.Equal((Licence, 4), (kept.GetProperty("stepId").GetString(), kept.GetProperty("level").GetInt32()));

        // The page shows both and offers no step to rate.
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}"));
        Assert.Contains("id=\"rating-given\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-step=\"{Licence}\" data-level=\"4\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"name=\"steps.{Licence}.level\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProgressPage_OffersTheDecidedStepsRatingOnItsTimelineEntry_WhileTheApplicationRuns()
    {
        var id = await LicenceApprovedAsync();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");
        var path = $"/applications/{id}";

        var page = Regex.Replace(WebUtility.HtmlDecode(await browser.GetStringAsync(path)), @">\s+<", "><");
        // On the licence's own entry: a labelled group of the five levels, required, and the reason; no overall rating yet.
        var start = page.IndexOf($"id=\"step-{Licence}\"", StringComparison.Ordinal);
        Assert.True(start > 0, page);
        var next = page.IndexOf("class=\"step-card", start, StringComparison.Ordinal);
        var entry = next < 0 ? page[start..] : page[start..next];
        Assert.Matches($"<form [^>]*action=\"\\?handler=Rate\"[^>]*id=\"rate-{Licence}\"", entry);
        Assert.Matches($"<fieldset [^>]*id=\"rating-steps\\.{Licence}\\.level\"[^>]*><legend>您对“市场监督管理局 · [^”]+”的办理是否满意？</legend>", entry);
        Assert.Contains($"<label for=\"rating-steps.{Licence}.level-5\">非常满意</label>", entry, StringComparison.Ordinal);
        Assert.Contains($"<label for=\"rating-steps.{Licence}.reason\">", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"level\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"rate-seal-engraving\"", page, StringComparison.Ordinal);

        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, path);
        MultipartFormDataContent Form(string level)
        {
            return new MultipartFormDataContent
            {
                { new StringContent(Licence), RatingFormField },
                { new StringContent(level), $"steps.{Licence}.level" },
                { new StringContent(token), "__RequestVerificationToken" },
            };
        }

        using (var nothing = await browser.PostAsync($"{path}?handler=Rate", Form("")))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
            var again = WebUtility.HtmlDecode(await nothing.Content.ReadAsStringAsync());
            Assert.Contains($"id=\"rating-steps.{Licence}.level-error\">请选择评价等级", again, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"#rating-steps.{Licence}.level\">请选择评价等级</a>", again, StringComparison.Ordinal);
        }

        using (var sent = await browser.PostAsync($"{path}?handler=Rate", Form("5")))
        {
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.EndsWith($"#step-{Licence}", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var rating = await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/rating");
        Assert.Equal(5, Assert.Single(rating.GetProperty("steps").EnumerateArray()).GetProperty("level").GetInt32());
        var shown = WebUtility.HtmlDecode(await browser.GetStringAsync(path));
        Assert.Contains("您对该环节的评价：非常满意", shown, StringComparison.Ordinal);
        Assert.Contains("整件申请办结后，可以在这里对本次办理作出总体评价。", shown, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"rate-{Licence}\"", shown, StringComparison.Ordinal);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private const string RatingFormField = "rateStep";
}
