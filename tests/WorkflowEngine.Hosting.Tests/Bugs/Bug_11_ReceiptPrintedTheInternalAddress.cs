using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Found by the review of the 受理台: the printed receipt told the citizen to follow the application at the address the
/// request came to, which behind a reverse proxy is the proxy's internal address, useless from home. With
/// <c>Pages:PublicBaseUrl</c> set, the receipt prints that address.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_ReceiptPrintedTheInternalAddress
{
    [Fact]
    public async Task WithAPublicBaseUrl_TheReceiptPrintsIt_NotTheRequestsHost()
    {
        await using var host = await AllInOneHost.StartAsync(extraArgs: ["--Pages:PublicBaseUrl=https://zwfw.example.gov.cn/yjs/"]);
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "gsc-window", "Demo#2026");
        const string intake = "/window/services/business-opening";
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, intake);
        using var form = ApplicantPagesTests.ApplyForm(token, Guid.NewGuid().ToString("N"));
        foreach (var (field, value) in new[] { ("name", "王五"), ("idType", "resident-id"), ("idNumber", "11010519491231002X"), ("phone", "13800138000") })
        {
            form.Add(new StringContent(value), "applicant." + field);
        }

        using var accepted = await browser.PostAsync(intake, form);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var receipt = WebUtility.HtmlDecode(await accepted.Content.ReadAsStringAsync());
        Assert.Contains("id=\"receipt-track-link\">https://zwfw.example.gov.cn/yjs/track</a>", receipt, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Address.Authority, receipt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zwfw.example.gov.cn/yjs")]
    [InlineData("ftp://zwfw.example.gov.cn/yjs")]
    [InlineData("https://zwfw.example.gov.cn/yjs?from=receipt")]
    public async Task APublicBaseUrlThatIsNoAddress_StopsTheHost_SayingWhy(string setting)
    {
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => AllInOneHost.StartAsync(extraArgs: [$"--Pages:PublicBaseUrl={setting}"]));

        Assert.Contains("Pages:PublicBaseUrl", refused.Message, StringComparison.Ordinal);
    }
}
