using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The supervisors' notices (a red card, an escalation, a supplement request refused or waiting for approval) were kept
/// in Chinese alone, so the English supervision page and the notices API asked for English showed Chinese sentences.
/// A notice now keeps both texts when it is left; notices left before keep their Chinese.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_NoticesOnlyInChinese
{
    [Fact]
    public async Task ARedNotice_IsInEnglish_OnTheEnglishPage_AndWithAcceptLanguageEn_AndInChineseOtherwise()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var (id, _) = await LicenceTask.OpenAsync(host);
        var processor = host.Services.GetRequiredService<DepartmentProcessor>();
        var due = Bug_10_ExtendedStepLosesItsRedCard.FirstDue;
        host.Clock.Advance(due.AddMinutes(5) - host.Clock.GetUtcNow());
        await processor.RaiseWarningAsync(Bug_10_ExtendedStepLosesItsRedCard.Red(id, due), Bug_10_ExtendedStepLosesItsRedCard.NewId(), CancellationToken.None);

        var chinese = Assert.Single((await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/notices")).EnumerateArray());
        Assert.Matches("^办件 \\S+「营业执照」已超过办理时限（2026-03-02 11:00）", chinese.GetProperty("message").GetString());

        using var api = host.Client("samr-supervisor");
        api.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = Assert.Single(await api.GetFromJsonAsync<JsonElement[]>("/api/departments/SAMR/notices") ?? []);
        Assert.Matches("^Task \\S+ “Business licence” passed its time limit \\(2026-03-02 11:00\\); nobody has claimed it yet$", english.GetProperty("message").GetString());

        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        Assert.Contains("已超过办理时限（2026-03-02 11:00），尚无人认领", WebUtility.HtmlDecode(await supervisor.GetStringAsync("/desk/supervise?department=SAMR")), StringComparison.Ordinal);
        var page = await ProvisionalDueTimeTests.SwitchToEnglishAsync(supervisor, "/desk/supervise?department=SAMR");
        Assert.Contains("passed its time limit (2026-03-02 11:00); nobody has claimed it yet", page, StringComparison.Ordinal);
        Assert.DoesNotContain("已超过办理时限", page, StringComparison.Ordinal);
    }
}
