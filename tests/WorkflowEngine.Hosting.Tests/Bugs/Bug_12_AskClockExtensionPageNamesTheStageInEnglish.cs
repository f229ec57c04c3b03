using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The page where a supervisor asks to extend a limit offers a stage's clock by the stage's title in the page's
/// language, and the pages listing requests name their clock so too. Before the fix the English pages named the stage
/// by its Chinese title.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_12_AskClockExtensionPageNamesTheStageInEnglish
{
    [Fact]
    public async Task AStageThatMayBeExtended_IsOfferedByItsEnglishTitle_OnTheEnglishPage()
    {
        await using var host = await AllInOneHost.StartAsync(ClockExtensionTests.Monday);
        var yaml = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Definitions, "services", "joint-acceptance-registration.yaml"));
        const string stageLimit = "      title: { zh: 竣工联合验收, en: \"Joint completion acceptance\" }\n      limit: { workingDays: 10 }\n";
        Assert.Contains(stageLimit, yaml, StringComparison.Ordinal);
        await host.PublishAsync(yaml.Replace(stageLimit, stageLimit + "      extension: { max: { workingDays: 2 }, approver: GSC }\n", StringComparison.Ordinal));
        var id = await ClockExtensionTests.SubmitAsync(host);
        using var nrp = await PageSignInTests.SignedInBrowserAsync(host, "nrp-supervisor", "Demo#2026");

        var chinese = WebUtility.HtmlDecode(await nrp.GetStringAsync($"/supervision/applications/{id}/clock-extension"));
        Assert.Contains("阶段：竣工联合验收（最多延长", chinese, StringComparison.Ordinal);
        var english = await ProvisionalDueTimeTests.SwitchToEnglishAsync(nrp, $"/supervision/applications/{id}/clock-extension");
        Assert.Contains("Stage: Joint completion acceptance (at most", english, StringComparison.Ordinal);

        // Once asked, the request is listed by the stage's English title, here and on the approving department's page.
        using var api = host.Client("nrp-supervisor");
        using var asked = await api.PostAsJsonAsync($"/api/applications/{id}/clock-extensions", new { stage = "joint-acceptance", workingDays = 2, reason = "现场核查" });
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Contains(" · Joint completion acceptance · ", WebUtility.HtmlDecode(await nrp.GetStringAsync($"/supervision/applications/{id}/clock-extension")), StringComparison.Ordinal);
        using var gsc = await PageSignInTests.SignedInBrowserAsync(host, "gsc-supervisor", "Demo#2026");
        var waiting = await ProvisionalDueTimeTests.SwitchToEnglishAsync(gsc, "/supervision/clock-extensions");
        Assert.Matches("<h3 id=\"extension-[0-9a-f-]+\">Joint completion acceptance · YB", waiting);
    }
}
