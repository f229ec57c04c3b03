using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// A citizen who applied at the window follows the application at home on a phone: from the catalogue to the public
/// look-up (<c>/track</c>), the tracking number and query code of a real window receipt, and every department's step.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PublicTrackBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ACitizenOnAPhone_EntersTheReceiptsNumberAndCode_AndSeesEachStep()
    {
        var (number, code) = await WalkInAsync(fixture.Host);
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "查询办件进度" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("查询办件进度");
        await LookUpAsync(page, number.ToLowerInvariant(), code);

        await Assertions.Expect(page.Locator("#lookup-result")).ToContainTextAsync(number);
        await Assertions.Expect(page.Locator("#lookup-result")).ToContainTextAsync("企业开办");
        await Assertions.Expect(page.Locator("#step-business-licence")).ToContainTextAsync("市场监督管理局");
        await Assertions.Expect(page.Locator("#step-business-licence .time-left")).Not.ToBeEmptyAsync();
        Assert.True(await page.Locator(".step-card").CountAsync() > 1);
        // The answer to the form's post: the code went in its body, never in the address.
        var address = new Uri(page.Url);
        Assert.Equal("/track", address.AbsolutePath);
        Assert.Equal("", address.Query);
        Assert.DoesNotContain("王五", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Screenshots.SaveAsync(page, "public-track-phone");
        await PageChecks.AssertUsableAsync(page);
    }

    [Fact]
    public async Task AWrongCode_IsAnsweredInTheFocusedSummary_WithoutSayingWhichWasWrong()
    {
        var (number, code) = await WalkInAsync(fixture.Host);
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740);
        await page.GotoAsync("/track");

        await LookUpAsync(page, number, WrongCode(code));

        await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
        await Assertions.Expect(page.Locator("#lookup-refused")).ToHaveTextAsync("没有与这个受理编号和查询码相符的申请，请核对回执上的两项");
        await Assertions.Expect(page.GetByLabel("查询码")).ToBeEmptyAsync();
        await PageChecks.AssertUsableAsync(page);
    }

    [Fact]
    public async Task Bug_11_ARefusedLookUp_LeftBothFieldsUnmarked_SoAScreenReaderOnEitherNeverHeardWhy()
    {
        var (number, code) = await WalkInAsync(fixture.Host);
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740);
        await page.GotoAsync("/track");

        await LookUpAsync(page, number, WrongCode(code));

        // Both marked alike, described by the one answer: neither is singled out as the wrong one.
        foreach (var label in new[] { "受理编号", "查询码" })
        {
            var field = page.GetByLabel(label);
            await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
            await Assertions.Expect(field).ToHaveAccessibleDescriptionAsync(new Regex("没有与这个受理编号和查询码相符的申请，请核对回执上的两项$"));
        }

        await Assertions.Expect(page.Locator(".field-invalid")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator(".field-error")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Bug_11_TheTimelinesTimes_NeverSaidTheyWereBeijingTime_SoAnApplicantAbroadReadThemInTheirOwnZone()
    {
        var (number, code) = await WalkInAsync(fixture.Host);
        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740, culture: BrowserFixture.English);
        await page.GotoAsync("/track");

        await LookUpAsync(page, number, code, BrowserFixture.English);

        // Said once, under the timeline's heading, before the first due time.
        var steps = page.Locator("section[aria-labelledby='steps-title']");
        await Assertions.Expect(steps.Locator("#times-note")).ToHaveTextAsync(
            "Times are Beijing time (UTC+8); the time left counts working time only, not rest days or public holidays.");
        Assert.True(await steps.Locator("#times-note").EvaluateAsync<bool>(
            "note => !!(note.compareDocumentPosition(document.querySelector('.step-card')) & Node.DOCUMENT_POSITION_FOLLOWING)"));
    }

    /// <summary>Fills the look-up's two fields as a citizen types them from the receipt, and asks for the progress.</summary>
    internal static async Task LookUpAsync(IPage page, string number, string code, string culture = BrowserFixture.Chinese)
    {
        var english = culture == BrowserFixture.English;
        await page.GetByLabel(english ? "Tracking number" : "受理编号").FillAsync(number);
        await page.GetByLabel(english ? "Query code" : "查询码").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = english ? "Show progress" : "查询进度" }).ClickAsync();
    }

    /// <summary>The receipt's code with its last character changed: a code mistyped, or guessed.</summary>
    internal static string WrongCode(string code) => code[..^1] + (code[^1] == '2' ? '3' : '2');

    /// <summary>A walk-in's 企业开办 submitted by the demo window user: the receipt's tracking number and query code.</summary>
    internal static async Task<(string Number, string Code)> WalkInAsync(AllInOneHost host)
    {
        var application = BusinessOpening.Application();
        application["applicant"] = new JsonObject { ["name"] = "王五", ["idType"] = "resident-id", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" };
        using var window = host.Client("gsc-window");
        using var response = await window.PostAsync("/api/window/applications", BusinessOpening.Multipart(application));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var receipt = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        return (receipt.GetProperty("application").GetProperty("trackingNumber").GetString()!, receipt.GetProperty("queryCode").GetString()!);
    }
}
