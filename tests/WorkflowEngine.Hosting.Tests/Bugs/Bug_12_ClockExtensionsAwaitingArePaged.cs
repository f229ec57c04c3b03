using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The requests to extend a limit waiting for a department's decision come a page at a time, in the API and on the
/// supervisor's page, with links to the next and previous pages. Before the fix the list stopped at the first 100
/// applications, and nothing led past them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_12_ClockExtensionsAwaitingArePaged
{
    [Fact]
    public async Task TwoRequestsWaiting_OneAPage_EachPageShowsItsOwn_AndLinksToTheOther()
    {
        await using var host = await AllInOneHost.StartAsync(ClockExtensionTests.Monday);
        using var nrp = host.Client("nrp-supervisor");
        var numbers = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            var id = await ClockExtensionTests.SubmitAsync(host);
            using var asked = await nrp.PostAsJsonAsync($"/api/applications/{id}/clock-extensions", new { workingDays = 5, reason = "五部门联合现场核查" });
            Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
            numbers.Add((await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString()!);
        }

        var first = Assert.Single((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions?limit=1")).EnumerateArray());
        var second = Assert.Single((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions?limit=1&offset=1")).EnumerateArray());
        var (one, two) = (first.GetProperty("trackingNumber").GetString()!, second.GetProperty("trackingNumber").GetString()!);
        Assert.Equal(numbers.Order(StringComparer.Ordinal), new[] { one, two }.Order(StringComparer.Ordinal));
        Assert.Empty((await host.GetJsonAsync("gsc-supervisor", "/api/departments/GSC/clock-extensions?limit=1&offset=2")).EnumerateArray());

        using var gsc = await PageSignInTests.SignedInBrowserAsync(host, "gsc-supervisor", "Demo#2026");
        var page1 = WebUtility.HtmlDecode(await gsc.GetStringAsync("/supervision/clock-extensions?limit=1"));
        Assert.Contains(one, page1, StringComparison.Ordinal);
        Assert.DoesNotContain(two, page1, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"next\" href=\"/supervision/clock-extensions?department=GSC&limit=1&offset=1\">下一页</a>", page1, StringComparison.Ordinal);
        Assert.DoesNotContain("rel=\"prev\"", page1, StringComparison.Ordinal);
        var page2 = WebUtility.HtmlDecode(await gsc.GetStringAsync("/supervision/clock-extensions?limit=1&offset=1"));
        Assert.Contains(two, page2, StringComparison.Ordinal);
        Assert.DoesNotContain(one, page2, StringComparison.Ordinal);
        Assert.Contains("<a rel=\"prev\" href=\"/supervision/clock-extensions?department=GSC&limit=1&offset=0\">上一页</a>", page2, StringComparison.Ordinal);
    }
}
