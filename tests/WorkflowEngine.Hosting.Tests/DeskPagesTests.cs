using System.Net;
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

    private async Task<string> LicenceTaskAsync() =>
        (await Host.TaskOfAsync(await Host.SubmitBusinessOpeningAsync())).GetProperty("id").GetString()!;
}
