using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The clerk's English task page gave the step's limit as "(limit 5 个工作日)": <c>ExecuteStep.limit</c> and
/// <c>statutoryLimit</c> came in Chinese only. The step carries <c>limitEn</c> and <c>statutoryLimitEn</c> beside them
/// now, and the English page shows them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_DeskLimitOnlyInChinese
{
    [Fact]
    public async Task TheStepsLimit_OnTheClerksTaskPage_ReadsInThePagesLanguage()
    {
        await using var host = await AllInOneHost.StartAsync();
        await CommitmentFlow.SubmitAsync(host);
        var task = (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"))[0].GetProperty("id").GetString();
        var step = (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("application");
        Assert.Equal(("5 个工作日", "5 working days"), (step.GetProperty("limit").GetString(), step.GetProperty("limitEn").GetString()));

        using var clerk = await PageSignInTests.SignedInBrowserAsync(host, "arch-clerk", "Demo#2026");
        Assert.Contains("（时限 5 个工作日）", WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}")), StringComparison.Ordinal);

        var en = WebUtility.HtmlDecode(await ProvisionalDueTimeTests.SwitchToEnglishAsync(clerk, $"/desk/tasks/{task}"));
        Assert.Contains("(limit 5 working days)", en, StringComparison.Ordinal);
        Assert.DoesNotContain("个工作日", en, StringComparison.Ordinal);
    }
}
