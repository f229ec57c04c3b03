using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The window staff's pages for walk-in applications: the list at /window/applications shows them newest first and
/// holds no application made online; the look-up by tracking number opens a walk-in's page for staff
/// and finds nothing else; on that page the staff withdraw for the citizen only with the citizen's reason, shown next
/// to its field; an applicant has neither page.
/// </summary>
[Trait("Category", "Integration")]
public sealed class WalkInPagesTests
{
    private const string Password = "Demo#2026";

    [Fact]
    public async Task TheList_ShowsTheWalkInsNewestFirst_AndTheLookUpOpensOnlyWalkIns()
    {
        await using var host = await AllInOneHost.StartAsync();
        var waiting = await TakeInAsync(host, "赵六");
        // A minute later: taken in within one millisecond, the two have no order (CI saw either).
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        // Every material in, none to come later (容缺): nothing waits for this citizen.
        var quiet = await TakeInAsync(host, "钱七", complete: true);
        var online = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(waiting.Id)).GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            host.Clock.Advance(TimeSpan.FromMinutes(10));
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", new { items = new[] { new { material = "articles", reason = "章程未签字" } } })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("gsc-window", $"/api/applications/{waiting.Id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request");
        var onlineNumber = (await host.GetJsonAsync("zhangsan", $"/api/applications/{online}")).GetProperty("trackingNumber").GetString()!;
        using var window = await PageSignInTests.SignedInBrowserAsync(host, "gsc-window", Password);

        var list = WebUtility.HtmlDecode(await window.GetStringAsync("/window/applications"));
        Assert.Contains(waiting.Number, list, StringComparison.Ordinal);
        Assert.Contains("赵六", list, StringComparison.Ordinal);
        Assert.Contains(quiet.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain(onlineNumber, list, StringComparison.Ordinal);
        // Newest first: the second taken in comes before the first.
        Assert.True(list.IndexOf(quiet.Number, StringComparison.Ordinal) < list.IndexOf(waiting.Number, StringComparison.Ordinal));

        using var found = await window.GetAsync($"/window/applications?search={waiting.Number.ToLowerInvariant()}");
        Assert.Equal(HttpStatusCode.Redirect, found.StatusCode);
        Assert.Equal($"/window/applications/{waiting.Id}", found.Headers.Location?.OriginalString);
        var notWalkIn = WebUtility.HtmlDecode(await window.GetStringAsync($"/window/applications?search={onlineNumber}"));
        Assert.Contains("没有相符的窗口受理在办申请", notWalkIn, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"search-help search-error\"", notWalkIn, StringComparison.Ordinal);

        using var applicant = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", Password);
        Assert.NotEqual(HttpStatusCode.OK, (await applicant.GetAsync("/window/applications")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/window/applications/{waiting.Id}")).StatusCode);
    }

    [Fact]
    public async Task OnTheWalkInsPage_TheStaffWithdrawOnlyWithTheCitizensReason()
    {
        await using var host = await AllInOneHost.StartAsync();
        var walkIn = await TakeInAsync(host, "孙八");
        await host.TaskOfAsync(walkIn.Id);
        using var window = await PageSignInTests.SignedInBrowserAsync(host, "gsc-window", Password);
        var page = $"/window/applications/{walkIn.Id}";
        var html = WebUtility.HtmlDecode(await window.GetStringAsync(page));
        Assert.Contains("id=\"acting-for\"", html, StringComparison.Ordinal);
        Assert.Contains("孙八", html, StringComparison.Ordinal);
        Assert.Contains("action=\"?handler=Withdraw\"", html, StringComparison.Ordinal);

        var token = await PageSignInTests.AntiforgeryTokenAsync(window, page);
        using var bare = await window.PostAsync(page + "?handler=Withdraw", Form(token, ""));
        var refused = WebUtility.HtmlDecode(await bare.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bare.StatusCode);
        Assert.Contains("<p class=\"field-error\" id=\"withdrawal-reason-error\">代申请人撤回时须填写申请人提出的撤回原因</p>", refused, StringComparison.Ordinal);
        Assert.Equal("in-progress", (await host.GetJsonAsync("gsc-window", $"/api/applications/{walkIn.Id}")).GetProperty("status").GetString());

        using var withdrawn = await window.PostAsync(page + "?handler=Withdraw", Form(token, "申请人书面要求撤回"));
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(page + "#withdrawn-note", withdrawn.Headers.Location?.OriginalString);
        Assert.Equal("withdrawn", (await host.GetJsonAsync("gsc-window", $"/api/applications/{walkIn.Id}")).GetProperty("status").GetString());
    }

    private static MultipartFormDataContent Form(string token, string reason) => new()
    {
        { new StringContent(reason), "reason" },
        { new StringContent(token), "__RequestVerificationToken" },
    };

    private static async Task<(Guid Id, string Number)> TakeInAsync(AllInOneHost host, string name, bool complete = false)
    {
        var application = BusinessOpening.Application(BusinessOpening.Form(bank: !complete));
        application["applicant"] = new JsonObject { ["name"] = name, ["idType"] = "resident-id", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" };
        using var window = host.Client("gsc-window");
        using var response = await window.PostAsync("/api/window/applications", complete
            ? BusinessOpening.Multipart(application, ("articles", "章程.pdf", BusinessOpening.Pdf), ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf), ("addressProof", "租赁合同.pdf", BusinessOpening.Pdf))
            : BusinessOpening.Multipart(application));
        var receipt = (await ProblemAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("application");
        return (receipt.GetProperty("id").GetGuid(), receipt.GetProperty("trackingNumber").GetString()!);
    }
}
