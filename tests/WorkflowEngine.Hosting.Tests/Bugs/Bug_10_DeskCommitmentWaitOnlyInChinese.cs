using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The clerk's English task page offered approval on commitment (告知承诺制) with "the department verifies it 60 个工作日
/// after the approval": the step's <c>ExecuteStep.commitment</c> carried the wait before the verification in Chinese
/// only (<c>verifyWithin</c>). It carries <c>verifyWithinEn</c> beside it now, and the English page shows it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_DeskCommitmentWaitOnlyInChinese
{
    [Fact]
    public async Task TheCommitmentOffer_OnTheClerksTaskPage_ReadsInThePagesLanguage()
    {
        await using var host = await AllInOneHost.StartAsync();
        await CommitmentFlow.SubmitAsync(host);
        var task = (await host.GetJsonAsync("arch-clerk", "/api/departments/ARCH/tasks?status=open"))[0].GetProperty("id").GetString();
        var offer = (await host.GetJsonAsync("arch-clerk", $"/api/tasks/{task}")).GetProperty("application").GetProperty("commitment");
        Assert.Equal(("60 个工作日", "60 working days"), (offer.GetProperty("verifyWithin").GetString(), offer.GetProperty("verifyWithinEn").GetString()));

        using var clerk = await PageSignInTests.SignedInBrowserAsync(host, "arch-clerk", "Demo#2026");
        var zh = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Contains("部门于审批后 60 个工作日 起进行事后核查", zh, StringComparison.Ordinal);

        var en = WebUtility.HtmlDecode(await ProvisionalDueTimeTests.SwitchToEnglishAsync(clerk, $"/desk/tasks/{task}"));
        Assert.Contains("the department verifies it 60 working days after the approval", en, StringComparison.Ordinal);
        Assert.DoesNotContain("60 个工作日", en, StringComparison.Ordinal);
    }
}
