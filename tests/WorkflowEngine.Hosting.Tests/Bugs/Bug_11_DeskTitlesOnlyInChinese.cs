using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The clerk's and the supervisor's English pages showed a step's title, its service's and its materials' names, and
/// why the engine recalled a task, in Chinese: <c>ExecuteStep</c> and <c>CancelStep</c> carried them in Chinese alone,
/// although the definitions have them in English too. The engine now sends them in English as well (<c>titleEn</c>,
/// <c>serviceTitleEn</c>, a material's <c>nameEn</c>, <c>reasonEn</c>); a message from an older engine, without them,
/// still shows the Chinese.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class Bug_11_DeskTitlesOnlyInChinese(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task TaskPageAndQueue_InEnglish_ShowTheStepsServicesAndMaterialsEnglishNames()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(id)).GetProperty("id").GetString();
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");

        var chinese = await PageAsync(clerk, $"/desk/tasks/{taskId}");
        await ToEnglishAsync(clerk);
        var english = await PageAsync(clerk, $"/desk/tasks/{taskId}");
        var queue = await PageAsync(clerk, "/desk?department=SAMR");

        Assert.StartsWith("营业执照", Heading(chinese), StringComparison.Ordinal);
        Assert.Contains("<strong>法定代表人身份证件</strong>", chinese, StringComparison.Ordinal);
        Assert.StartsWith("Business licence", Heading(english), StringComparison.Ordinal);
        Assert.Contains("<dd>Business opening</dd>", english, StringComparison.Ordinal);
        Assert.Contains("<strong>Legal representative's identity document</strong>", english, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/desk/tasks/{taskId}\">Business licence</a>", queue, StringComparison.Ordinal);
        Assert.Contains(">Business opening</option>", queue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskFromAnOlderEngine_WithoutEnglishNames_ShowsTheChinese_AndSoDoesItsRecallWithoutAnEnglishReason()
    {
        var endpoint = await Host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:" + Queues.Department("SAMR")));
        var applicationId = Guid.NewGuid();
        var now = Host.Clock.GetUtcNow();
        await endpoint.Send(new ExecuteStep
        {
            ApplicationId = applicationId,
            TrackingNumber = "YB20260302-OLDENG01",
            ServiceId = "business-opening",
            ServiceTitle = "企业开办",
            StepId = "business-licence",
            Attempt = 1,
            Department = "SAMR",
            Title = "营业执照",
            DispatchedAt = now,
            DueAt = now.AddHours(2),
            Materials = [new MaterialReference { Key = "articles", Name = "公司章程", Status = "missing" }],
        });
        var taskId = (await Host.TaskOfAsync(applicationId)).GetProperty("id").GetString();
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");
        await ToEnglishAsync(clerk);

        var open = await PageAsync(clerk, $"/desk/tasks/{taskId}");
        await endpoint.Send(new CancelStep
        {
            ApplicationId = applicationId, StepId = "business-licence", Attempt = 1, Department = "SAMR", Reason = "管理员终止办理", CancelledAt = now,
        });
        await AllInOneHost.EventuallyAsync(() => Host.TaskOfAsync(applicationId), t => t.GetProperty("status").GetString() == "cancelled", "the recall");
        var recalled = await PageAsync(clerk, $"/desk/tasks/{taskId}");

        Assert.StartsWith("营业执照", Heading(open), StringComparison.Ordinal);
        Assert.Contains("<dd>企业开办</dd>", open, StringComparison.Ordinal);
        Assert.Contains("<strong>公司章程</strong>", open, StringComparison.Ordinal);
        Assert.Contains("Cancelled: 管理员终止办理", recalled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskTheApplicantWithdrew_InEnglish_SaysWhyInEnglish()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        var taskId = (await Host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var citizen = Host.Client("zhangsan"))
        {
            (await citizen.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(() => Host.TaskOfAsync(id), t => t.GetProperty("status").GetString() == "cancelled", "the recall");
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");
        var chinese = await PageAsync(clerk, $"/desk/tasks/{taskId}");
        await ToEnglishAsync(clerk);
        var english = await PageAsync(clerk, $"/desk/tasks/{taskId}");

        Assert.Contains("已撤销：申请人撤回申请", chinese, StringComparison.Ordinal);
        Assert.Contains("Cancelled: The applicant withdrew the application", english, StringComparison.Ordinal);
        Assert.DoesNotContain("申请人撤回申请", english, StringComparison.Ordinal);
    }

    /// <summary>A page as the signed-in browser gets it (200 expected), its text decoded.</summary>
    internal static async Task<string> PageAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static async Task ToEnglishAsync(HttpClient browser)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/desk");
        using var switched = await browser.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/desk"), new("__RequestVerificationToken", token)]));
    }

    /// <summary>The page's first heading's text.</summary>
    private static string Heading(string page) => HeadingPattern().Match(page).Groups[1].Value.Trim();

    [GeneratedRegex("<h1>([^<]*)<")]
    private static partial Regex HeadingPattern();
}
