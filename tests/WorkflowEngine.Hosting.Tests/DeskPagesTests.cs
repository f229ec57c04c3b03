using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The clerk desk's pages keep the API's rules: another department's task is not found, and a form posted without its anti-forgery token does nothing.</summary>
[Trait("Category", "Integration")]
public sealed class DeskPagesTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task TaskPage_ForAClerkOfAnotherDepartment_IsNotFound_AsInTheApi()
    {
        var taskId = await LicenceTaskAsync();
        using var own = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");
        using var other = await PageSignInTests.SignedInBrowserAsync(Host, "psb-clerk", "Demo#2026");

        using var ownPage = await own.GetAsync($"/desk/tasks/{taskId}");
        using var otherPage = await other.GetAsync($"/desk/tasks/{taskId}");
        using var otherApi = await other.GetAsync($"/api/tasks/{taskId}");
        using var otherQueue = await other.GetAsync("/desk?department=SAMR");

        Assert.Equal(HttpStatusCode.OK, ownPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherPage.StatusCode);
        var html = WebUtility.HtmlDecode(await otherPage.Content.ReadAsStringAsync());
        Assert.Contains("不属于您的部门", html, StringComparison.Ordinal);
        Assert.DoesNotContain("福州闽江数字科技有限公司", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, otherApi.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, otherQueue.StatusCode);
    }

    /// <summary>
    /// The page reads the labels from the step the engine sent (<c>formLabels</c>), not from a definition, which a
    /// department host does not have: what shows here shows on a department's own host.
    /// </summary>
    [Fact]
    public async Task TaskPage_ShowsTheFormByItsLabels_InTheDefinitionsOrder_NotByItsKeys()
    {
        var taskId = await LicenceTaskAsync();
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");
        var token = await PageSignInTests.AntiforgeryTokenAsync(clerk, $"/desk/tasks/{taskId}");

        var chinese = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{taskId}"));
        using var switched = await clerk.PostAsync("/language", new FormUrlEncodedContent(
            [new("culture", "en"), new("returnUrl", "/desk"), new("__RequestVerificationToken", token)]));
        var english = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{taskId}"));

        Assert.Matches("<th scope=\"row\">企业名称</th><td>福州闽江数字科技有限公司</td>[\\s\\S]*<th scope=\"row\">注册资本（元）</th><td>1000000</td>", chinese);
        // A choice shows its option's label, not the value the form stores.
        Assert.Contains("<th scope=\"row\">企业类型</th><td>有限责任公司</td>", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>llc</td>", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain(">registeredCapital<", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain(">companyName<", chinese, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Company name</th>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimForm_PostedWithoutTheAntiforgeryToken_IsRefused_AndClaimsNothing()
    {
        var taskId = await LicenceTaskAsync();
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");

        using var forged = await browser.PostAsync($"/desk/tasks/{taskId}?handler=Claim", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var task = await Host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}");
        Assert.Equal("open", task.GetProperty("task").GetProperty("status").GetString());
    }

    [Fact]
    public async Task DeskPages_WithoutASession_SendTheBrowserToSignIn()
    {
        using var browser = PageSignInTests.Browser(Host);

        using var queue = await browser.GetAsync("/desk");

        Assert.Equal(HttpStatusCode.Redirect, queue.StatusCode);
        Assert.StartsWith("/account/login", queue.Headers.Location?.PathAndQuery ?? queue.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    /// <summary>A refusal made by the department's own rules (the task's batch), with the holder's name in both languages.</summary>
    [Fact]
    public async Task ApprovingATaskClaimedBySomeoneElse_IsRefused_InThePagesLanguage_WithTheHoldersName()
    {
        var taskId = await ClaimedLicenceTaskAsync("samr-supervisor");
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");
        var (chinese, english) = await PostInBothLanguagesAsync(clerk, $"/desk/tasks/{taskId}?handler=Approve", HttpStatusCode.Conflict);

        Assert.Contains("该办件已由“市场监管科长”认领，只有认领人可以办理", chinese, StringComparison.Ordinal);
        Assert.Contains("The task has been claimed by “市场监管科长”: only they may decide it", english, StringComparison.Ordinal);
        Assert.DoesNotContain("认领人", english, StringComparison.Ordinal);
    }

    /// <summary>A refusal of a request for more time (its own result type), with the figures in both languages.</summary>
    [Fact]
    public async Task AnExtensionPastTheLegalLimit_IsRefused_InThePagesLanguage_WithItsFigures()
    {
        var taskId = await ClaimedLicenceTaskAsync("samr-clerk");
        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", "Demo#2026");
        var (chinese, english) = await PostInBothLanguagesAsync(
            clerk, $"/desk/tasks/{taskId}?handler=Extension", HttpStatusCode.Conflict, new("workingDays", "100"), new("extensionReason", "需专家评审"));

        Assert.Matches("超过可延长的期限：本事项最多可延长 [0-9.]+ 个工作日，已批准延长 0 个工作日，本次申请 100 个工作日", chinese);
        Assert.Matches("Beyond the extension allowed: this step may be extended by [0-9.]+ working days in all, 0 working days approved so far, 100 working days asked for now", english);
        Assert.Empty((await Host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}")).GetProperty("extensions").EnumerateArray());
    }

    /// <summary>A request the clerk's rules refuse before the task's (a field error), with what was typed in both languages.</summary>
    [Fact]
    public async Task ReassigningToAClerkOfAnotherDepartment_ShowsTheFieldError_InThePagesLanguage()
    {
        var taskId = await LicenceTaskAsync();
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(Host, "samr-supervisor", "Demo#2026");

        var (chinese, english) = await PostInBothLanguagesAsync(
            supervisor, $"/desk/tasks/{taskId}?handler=Reassign", HttpStatusCode.BadRequest, new KeyValuePair<string, string>("to", "psb-clerk"));

        Assert.Matches("id=\"to-error\"[^>]*>“psb-clerk”不是[^<]*的工作人员，只能改派给本部门的工作人员", chinese);
        Assert.Matches("id=\"to-error\"[^>]*>“psb-clerk” is not on the staff of [^<]*: a task can only go to a clerk of the department", english);
    }

    /// <summary>The supervisor's page says a refusal in the page's language too: here, deciding one's own request for more time.</summary>
    [Fact]
    public async Task ASupervisorApprovingTheirOwnExtension_IsRefusedOnTheSupervisePage_InThePagesLanguage()
    {
        var taskId = await ClaimedLicenceTaskAsync("samr-supervisor");
        using var api = Host.Client("samr-supervisor");
        using var asked = await api.PostAsJsonAsync($"/api/tasks/{taskId}/extensions", new { workingDays = 1, reason = "需现场核查" });
        var extension = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var supervisor = await PageSignInTests.SignedInBrowserAsync(Host, "samr-supervisor", "Demo#2026");

        var (chinese, english) = await PostInBothLanguagesAsync(
            supervisor, "/desk/supervise?department=SAMR&handler=ApproveExtension", HttpStatusCode.Forbidden, new KeyValuePair<string, string>("extension", extension!));

        Assert.Contains("不能审批本人提出的延期申请，须由本部门其他负责人审批", chinese, StringComparison.Ordinal);
        Assert.Contains("You cannot decide a request for more time you made yourself: another supervisor of the department decides it", english, StringComparison.Ordinal);
    }

    /// <summary>Posts a page's form on the default (Chinese) page, then again after switching to English: the two pages as read.</summary>
    private static async Task<(string Chinese, string English)> PostInBothLanguagesAsync(
        HttpClient browser, string path, HttpStatusCode expected, params KeyValuePair<string, string>[] fields)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, path[..path.IndexOf('?', StringComparison.Ordinal)]);
        FormUrlEncodedContent Form(params KeyValuePair<string, string>[] with) => new([.. with, new("__RequestVerificationToken", token)]);
        using var chinese = await browser.PostAsync(path, Form(fields));
        Assert.Equal(expected, chinese.StatusCode);
        (await browser.PostAsync("/language", Form(new("culture", "en"), new("returnUrl", "/desk")))).Dispose();
        using var english = await browser.PostAsync(path, Form(fields));
        Assert.Equal(expected, english.StatusCode);
        return (WebUtility.HtmlDecode(await chinese.Content.ReadAsStringAsync()), WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()));
    }

    private async Task<string> ClaimedLicenceTaskAsync(string clerk)
    {
        var taskId = await LicenceTaskAsync();
        using var api = Host.Client(clerk);
        (await api.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        return taskId;
    }

    private async Task<string> LicenceTaskAsync() =>
        (await Host.TaskOfAsync(await Host.SubmitBusinessOpeningAsync())).GetProperty("id").GetString()!;
}
