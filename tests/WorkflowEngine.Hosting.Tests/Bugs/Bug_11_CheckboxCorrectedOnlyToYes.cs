using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A supplement request (补正) asking to correct a yes/no answer could only be answered "yes" on the progress page: an
/// unticked box is not posted, so the page sent no correction and refused the post as empty, and the applicant could
/// not say "no". The page showed the answer as stored (<c>true</c>), not as the applicant reads it. The supplement form
/// now names such fields (<c>corrects</c>), and shows 是/否.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_CheckboxCorrectedOnlyToYes
{
    [Fact]
    public async Task AnUntickedBox_CorrectsTheAnswerToNo_AndThePageShowsTheAnswerInWords()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        await FormCorrectionTests.AskToCorrectAsync(host, host, id, task, "samr-clerk", "openBankAccount", "申请人表示暂不开立银行账户", claimedFor: TimeSpan.FromMinutes(30));
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var path = $"/applications/{id}";
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(path));
        Assert.Contains("现填写：是；", page, StringComparison.Ordinal);
        Assert.DoesNotContain("现填写：true", page, StringComparison.Ordinal);

        // The box left unticked, as a browser sends it: no form.openBankAccount at all.
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, path);
        using var posted = await browser.PostAsync(path, new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" }, { new StringContent("openBankAccount"), "corrects" },
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.False(application.GetProperty("form").GetProperty("openBankAccount").GetBoolean());
        Assert.Equal("running", SupplementTests.Licence(application).GetProperty("clock").GetString());
    }
}
