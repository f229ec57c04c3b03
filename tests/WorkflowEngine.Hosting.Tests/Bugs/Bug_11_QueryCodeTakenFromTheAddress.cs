using System.Net;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Found by the review of the public look-up (<c>/track</c>): the query code was bound from the query string as well as
/// from the form, so a code put in an address (a link, a bookmark, a form opened at such an address and posted back to
/// it) looked the application up, and the code sat in server logs, the browser's history and the next page's
/// <c>Referer</c>. Only the form's code counts now; the tracking number may still come in the address.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_QueryCodeTakenFromTheAddress(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task ACodeInTheAddress_LooksNothingUp_AndRevealsNothing()
    {
        var receipt = await PublicTrackPageTests.WalkInAsync(fixture.Host);
        using var browser = PageSignInTests.Browser(fixture.Host);
        var address = $"/track?number={receipt.Number}&code={Uri.EscapeDataString(receipt.Code)}";

        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/track");

        // Posted to an address with the code in it, the number typed but no code in the form: the address's code is not used.
        using var posted = await browser.PostAsync(address, new FormUrlEncodedContent([new("Number", receipt.Number), new("__RequestVerificationToken", token)]));
        var answer = WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, posted.StatusCode);
        Assert.Contains("<p class=\"field-error\" id=\"query-code-error\">请输入查询码</p>", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"lookup-result\"", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"step-business-licence\"", answer, StringComparison.Ordinal);

        // Opened at it, the page looks nothing up, and its form posts to /track alone.
        using var opened = await browser.GetAsync(address);
        var page = WebUtility.HtmlDecode(await opened.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.DoesNotContain("id=\"lookup-result\"", page, StringComparison.Ordinal);
        Assert.Contains("action=\"/track\"", page, StringComparison.Ordinal);
    }
}
