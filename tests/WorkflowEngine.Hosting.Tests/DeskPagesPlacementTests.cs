using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The desk pages are where a department's tasks are: on a department host (with their stylesheet), not on an engine host that serves no department.</summary>
[Trait("Category", "Integration")]
public sealed class DeskPagesPlacementTests
{
    [Fact]
    public async Task DepartmentHost_HasTheDesk_AndItsSignIn_ButNotTheCatalogue()
    {
        await using var host = await StartAsync(HostRole.Department, "--Departments:Codes=SAMR");
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Address };

        using var desk = await anonymous.GetAsync("/desk");
        using var root = await anonymous.GetAsync("/");
        using var css = await anonymous.GetAsync("/assets/css/desk.css");
        using var signedIn = await SignInAsync(host.Address, "samr-clerk");
        using var queue = await signedIn.GetAsync("/desk");

        Assert.Equal(HttpStatusCode.Redirect, desk.StatusCode);
        Assert.Contains("/account/login", desk.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal("application/json", root.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var html = WebUtility.HtmlDecode(await queue.Content.ReadAsStringAsync());
        Assert.Contains("办件队列 · 市场监督管理局", html, StringComparison.Ordinal);
        Assert.Contains(">市场监管窗口</a>", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/account/logout\" class=\"sign-out\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/public\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EngineHost_ServingNoDepartment_HasNoDesk()
    {
        await using var host = await StartAsync(HostRole.Engine);
        using var signedIn = await SignInAsync(host.Address, "samr-clerk");

        using var desk = await signedIn.GetAsync("/desk");
        using var catalogue = await signedIn.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, desk.StatusCode);
        Assert.Equal(HttpStatusCode.OK, catalogue.StatusCode);
        Assert.DoesNotContain("href=\"/desk\"", await catalogue.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>
    /// An engine host keeps no department's tasks and carries nothing of the department side: its administrator still has
    /// the departments with their people, on the page (in Chinese and English) and from the API, each one's open tasks said
    /// to be kept elsewhere rather than counted as none.
    /// </summary>
    [Fact]
    public async Task EngineHost_KeepingNoTasks_SaysEachDepartmentsOpenTasksAreElsewhere()
    {
        await using var host = await StartAsync(HostRole.Engine);
        using var admin = await SignInAsync(host.Address, "admin");

        using var page = await admin.GetAsync("/admin/departments");
        using var english = await admin.GetAsync("/admin/departments?culture=en");
        using var list = await admin.GetAsync("/api/admin/departments");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Matches("<tr data-department=\"SAMR\">(?:(?!</tr>).)*<td>不在本机</td>", html.ReplaceLineEndings(" "));
        Assert.Contains("<td>elsewhere</td>", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var departments = System.Text.Json.JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var samr = departments.RootElement.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "SAMR");
        Assert.True(samr.GetProperty("clerks").GetInt32() >= 2);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, samr.GetProperty("openTasks").ValueKind);
    }

    /// <summary>
    /// The extensions of limits are asked for and decided where the applications are: on the engine host, which has no
    /// desk, the service centre's supervisor has the page and its link; a department host has neither.
    /// </summary>
    [Fact]
    public async Task EngineHost_ServesTheSupervisorsExtensionsPage_ADepartmentHostDoesNot()
    {
        await using var engine = await StartAsync(HostRole.Engine);
        await using var department = await StartAsync(HostRole.Department, "--Departments:Codes=GSC");
        using var onEngine = await SignInAsync(engine.Address, "gsc-supervisor");
        using var onDepartment = await SignInAsync(department.Address, "gsc-supervisor");

        using var page = await onEngine.GetAsync("/supervision/clock-extensions");
        using var absent = await onDepartment.GetAsync("/supervision/clock-extensions");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Contains("办理时限延长 · 政务服务中心综合窗口", html, StringComparison.Ordinal);
        Assert.Contains("没有待审批的延长申请。", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/supervision/clock-extensions\" aria-current=\"page\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
        Assert.DoesNotContain("href=\"/supervision/clock-extensions\"", await onDepartment.GetStringAsync("/desk/supervise"), StringComparison.Ordinal);
    }

    private static async Task<HttpClient> SignInAsync(Uri address, string user)
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = address };
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/account/login");
        using var response = await browser.PostAsync("/account/login", new FormUrlEncodedContent(
            [new("Input.UserName", user), new("Input.Password", "Demo#2026"), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    private static async Task<StartedHost> StartAsync(HostRole role, params string[] args)
    {
        var directory = Directory.CreateTempSubdirectory("workflow-desk-");
        var app = WorkflowApp.Build(role, [.. AllInOneHost.HostArgs(directory), .. args]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new StartedHost(app, directory, new Uri(address));
    }

    private sealed record StartedHost(WebApplication App, DirectoryInfo Directory, Uri Address) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
            try
            {
                Directory.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left for the OS to clean up.
            }
        }
    }
}
