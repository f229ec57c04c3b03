using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// A citizen who applied at the window looks the application up at home on a phone (<c>/track</c>) as the host's test
/// clock moves: every department's step with its status, its due time in Asia/Shanghai, the working time left and its
/// yellow or red card, in Chinese and in English; and a wrong number or code, answered alike. Its own class, since it
/// moves the host's clock.
/// </summary>
[Trait("Category", "Browser")]
public sealed class PublicTrackCardsBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task TheLookUp_ShowsEveryDepartmentsStep_ItsDueTimeInShanghai_TimeLeft_AndItsCard_InChineseThenEnglish()
    {
        // Monday 2 March 2026, 09:00 in Shanghai (01:00 UTC): the licence has two working hours, due at 11:00, yellow from 10:30.
        var host = fixture.Host;
        var (number, code) = await PublicTrackBrowserTests.WalkInAsync(host);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all"),
            t => t.EnumerateArray().Any(x => x.GetProperty("trackingNumber").GetString() == number),
            "the licence step at SAMR");
        await MoveTheClockToAsync(10, 30);

        var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740);
        await page.GotoAsync("/track");
        await PublicTrackBrowserTests.LookUpAsync(page, number, code);

        var licence = page.Locator("#step-business-licence");
        await Assertions.Expect(licence.Locator(".step-status")).ToHaveTextAsync(new Regex("^(已送达部门|部门已接收)$"));
        await Assertions.Expect(licence.Locator(".badge-yellow")).ToHaveTextAsync("黄牌预警：时限将到");
        await Assertions.Expect(Fact(licence, "办理部门")).ToHaveTextAsync("市场监督管理局");
        // Shanghai's 11:00, not the server's UTC 03:00.
        await Assertions.Expect(Fact(licence, "到期时间")).ToHaveTextAsync("2026-03-02 11:00");
        await Assertions.Expect(Fact(licence, "剩余工作时间")).ToHaveTextAsync("剩余 30 分钟");
        // Every department's step is on the timeline, those after the licence not started yet; last, the certificates
        // issued together, by no one department.
        var departments = new[] { "市场监督管理局", "公安局（印章刻制备案）", "税务局", "人力资源和社会保障局", "医疗保障局", "住房公积金管理中心", "开户银行（银行账户预约开立）", "—" };
        Assert.Equal(departments, await page.Locator(".step-card").EvaluateAllAsync<string[]>(DepartmentsScript, "办理部门"));
        await Assertions.Expect(page.Locator("#step-bank-account .step-status")).ToHaveTextAsync("未开始");
        await PageChecks.AssertUsableAsync(page, "public-track-yellow");

        // Past the licence's limit, the same look-up in English: a red card, the time over the limit.
        await MoveTheClockToAsync(11, 30);
        var english = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740, culture: BrowserFixture.English);
        await english.GotoAsync("/track");
        await PublicTrackBrowserTests.LookUpAsync(english, number, code, BrowserFixture.English);

        licence = english.Locator("#step-business-licence");
        await Assertions.Expect(licence.Locator(".step-status")).ToHaveTextAsync(new Regex("^(Sent to the department|Received by the department)$"));
        await Assertions.Expect(licence.Locator(".badge-red")).ToHaveTextAsync("Red card: the limit has passed");
        await Assertions.Expect(licence.Locator(".badge-yellow")).ToHaveCountAsync(0);
        await Assertions.Expect(Fact(licence, "Department")).ToHaveTextAsync("Administration for Market Regulation");
        await Assertions.Expect(Fact(licence, "Due")).ToHaveTextAsync("2026-03-02 11:00");
        await Assertions.Expect(Fact(licence, "Working time left")).ToHaveTextAsync("30 minutes overdue");
        Assert.Equal(departments.Length, await english.Locator(".step-card").CountAsync());
        await Assertions.Expect(english.Locator("#step-bank-account .step-status")).ToHaveTextAsync("Not started");
        await EnglishPagesTests.AssertEnglishAndUsableAsync(english, "english-public-track-red");

        async Task MoveTheClockToAsync(int hour, int minute)
        {
            host.Clock.Advance(new DateTimeOffset(2026, 3, 2, hour, minute, 0, Cst) - host.Clock.GetUtcNow());
            await host.FireDueTimersAsync();
        }
    }

    [Fact]
    public async Task AWrongCode_AndANumberNobodyHas_GetTheSameAnswer_InEnglish_SaidAtBothFields()
    {
        var (number, code) = await PublicTrackBrowserTests.WalkInAsync(fixture.Host);
        var unknown = number[..^1] + (number[^1] == '9' ? '8' : '9');
        var answers = new List<string>();
        foreach (var (tried, triedCode) in new[] { (number, PublicTrackBrowserTests.WrongCode(code)), (unknown, code) })
        {
            var page = await fixture.NewPageAsync(width: PageChecks.PhoneWidth, height: 740, culture: BrowserFixture.English);
            await page.GotoAsync("/track");
            await PublicTrackBrowserTests.LookUpAsync(page, tried, triedCode, BrowserFixture.English);

            await Assertions.Expect(page.Locator(".error-summary")).ToBeFocusedAsync();
            await Assertions.Expect(page.Locator("#lookup-refused")).ToHaveTextAsync(
                "No application matches this tracking number and query code; check both against the receipt");
            await Assertions.Expect(page.GetByLabel("Tracking number")).ToHaveValueAsync(tried);
            await Assertions.Expect(page.GetByLabel("Query code")).ToBeEmptyAsync();
            foreach (var label in new[] { "Tracking number", "Query code" })
            {
                await Assertions.Expect(page.GetByLabel(label)).ToHaveAttributeAsync("aria-invalid", "true");
                await Assertions.Expect(page.GetByLabel(label)).ToHaveAccessibleDescriptionAsync(new Regex("No application matches this tracking number and query code"));
            }

            answers.Add(await page.Locator("main").InnerTextAsync());
            await EnglishPagesTests.AssertEnglishAndUsableAsync(page, "english-public-track-refused");
        }

        // Nothing on the page tells a number that exists from one that does not, but the number typed.
        Assert.Equal(answers[0].Replace(number, "#", StringComparison.Ordinal), answers[1].Replace(unknown, "#", StringComparison.Ordinal));
    }

    /// <summary>The value (<c>dd</c>) of the step card's fact named <paramref name="term"/> (<c>dt</c>).</summary>
    private static ILocator Fact(ILocator card, string term) =>
        card.Locator($"dl.facts > dt:text-is('{term}') + dd");

    /// <summary>Each step card's department, in the page's order.</summary>
    private const string DepartmentsScript =
        """
        (cards, term) => cards.map(card => {
          const dt = [...card.querySelectorAll('dl.facts > dt')].find(d => d.textContent.trim() === term);
          return dt ? dt.nextElementSibling.textContent.trim() : '';
        })
        """;
}
