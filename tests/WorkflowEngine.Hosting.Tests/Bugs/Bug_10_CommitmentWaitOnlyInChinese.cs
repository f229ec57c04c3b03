using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The applicant's progress page in English offered the 告知承诺 commitment as "the department verifies it from 60 个工作日
/// after the approval": the wait before the verification (事后核查) came from the API in Chinese only. The API now also
/// gives it in English (<c>verifyWithinEn</c>), the English page says "60 working days", and it says that the commitment
/// itself is signed in Chinese, word for word.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_CommitmentWaitOnlyInChinese
{
    [Fact]
    public async Task TheCommitmentOffer_ReadsInTheApplicantsLanguage()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await CommitmentFlow.SubmitAsync(host);
        var offered = CommitmentFlow.Step(await host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), CommitmentFlow.Archives).GetProperty("commitment");
        Assert.Equal(("60 个工作日", "60 working days"), (offered.GetProperty("verifyWithin").GetString(), offered.GetProperty("verifyWithinEn").GetString()));

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var zh = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}"));
        Assert.Contains("部门于审批后 60 个工作日起进行事后核查", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("signed in Chinese", zh, StringComparison.Ordinal);

        var en = WebUtility.HtmlDecode(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, $"/applications/{id}"));
        Assert.Contains("the department verifies it from 60 working days after the approval", en, StringComparison.Ordinal);
        Assert.DoesNotContain("60 个工作日", en, StringComparison.Ordinal);
        Assert.Contains("The commitment is signed in Chinese, word for word as below.", en, StringComparison.Ordinal);
        Assert.Contains("I have read and accept it: sign the commitment", en, StringComparison.Ordinal);
    }
}
