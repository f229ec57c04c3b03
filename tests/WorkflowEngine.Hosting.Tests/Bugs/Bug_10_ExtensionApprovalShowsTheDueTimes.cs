using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A supervisor approving or refusing a request for more time saw who asked, for how long and why, but not the step's
/// due time, nor where the extension would move it: they decided blind whether the step was about to run late, and
/// whether the new due time was final. The request now shows the due time against the promised and the statutory limit,
/// each now and if approved, marked 暂定 (provisional) where counted through a year whose holidays are not loaded —
/// as the task page marks them — in Chinese and in English.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_ExtensionApprovalShowsTheDueTimes
{
    /// <summary>Thursday 31 December 2026, 09:00: the licence's two office hours end at 11:00 in 2026, one more day runs into 2027, not loaded.</summary>
    private static readonly DateTimeOffset NewYearsEve = new(2026, 12, 31, 9, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task ARequestForADay_ShowsTheDueTimesNowAndIfApproved_WithTheProvisionalMark_InBothLanguages()
    {
        await using var host = await AllInOneHost.StartAsync(NewYearsEve);
        var (_, task) = await LicenceTask.OpenAsync(host);
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/extensions", new { workingDays = 1, reason = "需现场核查" });
        Assert.True(asked.IsSuccessStatusCode, await asked.Content.ReadAsStringAsync());
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        var chinese = DueTimesOf(WebUtility.HtmlDecode(await supervisor.GetStringAsync("/desk/supervise?department=SAMR")), extension!);
        var english = DueTimesOf(await ProvisionalDueTimeTests.SwitchToEnglishAsync(supervisor, "/desk/supervise?department=SAMR"), extension!);

        // Due at 11:00 today, final; a working day later is 1 January 2027, counted on weekdays alone.
        Assert.Matches("<dt>现办理期限</dt>\\s*<dd><time[^>]*>2026-12-31 11:00</time>\\s*</dd>", chinese);
        Assert.Matches("<dt>批准后办理期限</dt>\\s*<dd><time[^>]*>2027-01-01 11:00</time>\\s*<span class=\"provisional-due\"><strong class=\"provisional-badge\">暂定</strong>[^<]*<small class=\"provisional-why\">[^<]*2027", chinese);
        // The statutory three working days already end in 2027: provisional now and after.
        Assert.Matches("<dt>现法定期限</dt>\\s*<dd><time[^>]*>2027-01-\\d\\d \\d\\d:\\d\\d</time>\\s*<span class=\"provisional-due\"><strong class=\"provisional-badge\">暂定</strong>", chinese);
        Assert.Matches("<dt>批准后法定期限</dt>\\s*<dd><time[^>]*>2027-01-\\d\\d \\d\\d:\\d\\d</time>\\s*<span class=\"provisional-due\"><strong class=\"provisional-badge\">暂定</strong>", chinese);

        Assert.Matches("<dt>Due now</dt>\\s*<dd><time[^>]*>2026-12-31 11:00</time>\\s*</dd>", english);
        Assert.Matches("<dt>Due if approved</dt>\\s*<dd><time[^>]*>2027-01-01 11:00</time>\\s*<span class=\"provisional-due\"><strong class=\"provisional-badge\">Provisional</strong>[^<]*<small class=\"provisional-why\">[^<]*2027", english);
        Assert.Matches("<dt>Statutory due now</dt>\\s*<dd><time[^>]*>2027-01-\\d\\d \\d\\d:\\d\\d</time>\\s*<span class=\"provisional-due\"><strong class=\"provisional-badge\">Provisional</strong>", english);
        Assert.Contains("<dt>Statutory due if approved</dt>", english, StringComparison.Ordinal);
    }

    /// <summary>The request's own article on the page.</summary>
    private static string DueTimesOf(string page, string extension)
    {
        var article = Regex.Match(page, $"<article[^>]*aria-labelledby=\"extension-{extension}\"[\\s\\S]*?</article>");
        Assert.True(article.Success, "the request is listed on the supervisor's page");
        return article.Value;
    }
}
