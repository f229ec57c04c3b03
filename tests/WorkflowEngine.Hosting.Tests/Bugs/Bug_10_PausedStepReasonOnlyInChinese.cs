using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The supervisors' list of paused steps gave the reason in Chinese only, on the English page and to an English API
/// request alike: the kind of pause must be in the reader's language (the clerk's own words stay as written).
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_PausedStepReasonOnlyInChinese
{
    private const string Why = "企业名称含行业表述，需组织专家论证";

    [Fact]
    public async Task AnExpertReview_IsListedWithItsReasonInEnglish_ForAnEnglishReader_AndInChineseOtherwise()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        using var clerk = host.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var excluded = await clerk.PostAsJsonAsync($"/api/tasks/{task}/exclusions", new { kind = "expert-review", reason = Why });
        Assert.Equal(HttpStatusCode.Accepted, excluded.StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/paused"), p => p.GetArrayLength() == 1, "the paused licence");

        var chinese = (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/paused"))[0];
        var english = (await host.GetJsonAsync("samr-supervisor", "/api/departments/SAMR/paused", "en"))[0];
        Assert.Equal($"专家评审：{Why}", chinese.GetProperty("reason").GetString());
        Assert.Equal($"Expert review: {Why}", english.GetProperty("reason").GetString());

        using var supervisor = await PageSignInTests.SignedInBrowserAsync(host, "samr-supervisor", "Demo#2026");
        var page = await ProvisionalDueTimeTests.SwitchToEnglishAsync(supervisor, "/desk/supervise?department=SAMR");
        var paused = page[page.IndexOf("id=\"paused-heading\"", StringComparison.Ordinal)..page.IndexOf("id=\"extensions-heading\"", StringComparison.Ordinal)];
        Assert.Contains($"a period the limit does not count: Expert review: {Why}", paused, StringComparison.Ordinal);
        Assert.DoesNotContain("专家评审", paused, StringComparison.Ordinal);
    }
}
