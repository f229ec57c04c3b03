using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// Extending a joint bundle's limit (行政许可法 Art. 42) in a real browser: the supervisor of a department with a step
/// asks on the application's page, the service centre's supervisor refuses without a reason (the error at its field),
/// then approves, and the applicant's clock shows the extension. Both pages pass axe and fit a phone.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ClockExtensionPagesBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task Supervisor_AsksToExtendTheBundle_AndTheServiceCentreApprovesIt_OnThePages()
    {
        var (id, tracking) = await SubmitAsync();

        var nrp = await fixture.SignedInAsync("nrp-supervisor", "/supervision/clock-extensions");
        await nrp.Locator("#number").FillAsync(tracking);
        await nrp.GetByRole(AriaRole.Button, new() { Name = "打开申请", Exact = true }).ClickAsync();
        await Assertions.Expect(nrp.Locator("h1")).ToContainTextAsync(tracking);
        await Assertions.Expect(nrp.Locator("#stage")).ToContainTextAsync("最多延长 15 个工作日");
        await nrp.Locator("#workingDays").FillAsync("3");
        await nrp.Locator("#reason").FillAsync("五部门联合现场核查");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(nrp);
        await PageChecks.AssertFitsAPhoneAsync(nrp);
        await nrp.GetByRole(AriaRole.Button, new() { Name = "提交延长申请", Exact = true }).ClickAsync();
        await Assertions.Expect(nrp.Locator(".desk-done")).ToContainTextAsync("已提交延长申请");
        await Assertions.Expect(nrp.Locator("main")).ToContainTextAsync("待审批");

        var gsc = await fixture.SignedInAsync("gsc-supervisor", "/supervision/clock-extensions");
        var request = gsc.Locator(".desk-extension", new() { HasText = tracking });
        await Assertions.Expect(request).ToContainTextAsync("五部门联合现场核查");
        await Screenshots.SaveAsync(gsc, "supervision-clock-extensions");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(gsc);
        await PageChecks.AssertFitsAPhoneAsync(gsc);

        // Refusing without a reason records nothing and says so at the field.
        await request.GetByRole(AriaRole.Button, new() { Name = "不予延长", Exact = true }).ClickAsync();
        request = gsc.Locator(".desk-extension", new() { HasText = tracking });
        await Assertions.Expect(request.Locator(".field-error").Last).ToContainTextAsync("驳回须说明理由");
        await Assertions.Expect(gsc.Locator(".error-summary")).ToContainTextAsync("驳回须说明理由");
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(gsc);

        await request.GetByRole(AriaRole.Button, new() { Name = "批准延长", Exact = true }).ClickAsync();
        await Assertions.Expect(gsc.Locator(".desk-done")).ToContainTextAsync("已批准延长办理时限");
        await Assertions.Expect(gsc.Locator(".desk-extension", new() { HasText = tracking })).ToHaveCountAsync(0);

        var clocks = await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/clocks");
        var bundle = clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "bundle");
        Assert.Equal(21m, bundle.GetProperty("promised").GetProperty("extendedHours").GetDecimal());
    }

    /// <summary>A 联合验收 application (completed before the host's clock) that has reached NRP, the natural-resources department.</summary>
    private async Task<(Guid Id, string Tracking)> SubmitAsync()
    {
        var form = JointAcceptance.Form(civilAirDefence: false);
        form["completionDate"] = "2026-02-20";
        using var citizen = Host.Client("zhangsan");
        using var response = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(form));
        response.EnsureSuccessStatusCode();
        var submitted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = submitted.GetProperty("id").GetGuid();
        await Host.TaskOfAsync(id, "NRP", "nrp-clerk");
        return (id, submitted.GetProperty("trackingNumber").GetString()!);
    }
}
