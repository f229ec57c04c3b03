using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The administrator's list of late bundles and stages (<c>GET /api/admin/late-clocks</c>, <c>/admin/late-clocks</c>):
/// the shipped 企业开办 with its licence step in a registration stage of 4 working hours (statutory: 1 working day,
/// <see cref="StageClockTests.PublishStagedAsync"/>),
/// submitted Monday 2 March 2026 at 09:00; the stage is due at 14:30 and nobody decides the licence.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LateClocksTests
{
    [Fact]
    public async Task AStagePastItsPromisedLimit_IsListedRed_ForTheAdministratorOnly_AndTheFiltersNarrowIt()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await StageClockTests.PublishStagedAsync(host);
        var id = await host.SubmitBusinessOpeningAsync();
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the SAMR task");

        // 09:30: nothing is late yet.
        host.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/admin/late-clocks")).GetArrayLength());

        // 15:00 Monday: the stage passed its promised 14:30; the bundle's working day has hardly begun.
        host.Clock.Advance(TimeSpan.FromHours(5.5));
        var late = await host.GetJsonAsync("admin", "/api/admin/late-clocks");
        var stage = Assert.Single(late.EnumerateArray());
        Assert.Equal((id.ToString(), "stage", "stage-licence", "red", "promised"), (
            stage.GetProperty("applicationId").GetString(), stage.GetProperty("kind").GetString(), stage.GetProperty("clockId").GetString(),
            stage.GetProperty("warning").GetString(), stage.GetProperty("limit").GetString()));
        Assert.Equal("2026-03-02T14:30:00+08:00", stage.GetProperty("dueAt").GetString());
        Assert.Equal(-0.5m, stage.GetProperty("leftHours").GetDecimal());
        Assert.Equal("business-opening", stage.GetProperty("serviceId").GetString());

        Assert.Equal(1, (await host.GetJsonAsync("admin", "/api/admin/late-clocks?level=red&service=business-opening")).GetArrayLength());
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/admin/late-clocks?level=yellow")).GetArrayLength());
        Assert.Equal(0, (await host.GetJsonAsync("admin", "/api/admin/late-clocks?service=construction-permit")).GetArrayLength());

        using var admin = host.Client("admin");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/admin/late-clocks?level=blue")).StatusCode);
        using var clerk = host.Client("samr-clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await clerk.GetAsync("/api/admin/late-clocks")).StatusCode);

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "admin", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/late-clocks?level=red"));
        Assert.Contains("data-clock=\"stage-licence\"", page, StringComparison.Ordinal);
        Assert.Contains("红牌（超过承诺时限）", page, StringComparison.Ordinal);
        Assert.Contains("已超 0.5 个工作小时", page, StringComparison.Ordinal);
    }
}
