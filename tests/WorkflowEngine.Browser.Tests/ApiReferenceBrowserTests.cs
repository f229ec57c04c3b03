using Microsoft.Playwright;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// The API reference a developer opens in Development (<c>/scalar</c>) renders the host's own OpenAPI document in a real
/// browser, under the page's content policy, with nothing fetched from anywhere but the host.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ApiReferenceBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheReference_ShowsTheApisOperations_WithNoRequestLeavingTheHost_AndNoPolicyViolation()
    {
        var page = await fixture.NewPageAsync();
        var elsewhere = new List<string>();
        var errors = new List<string>();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(fixture.Host.Address.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
                && !request.Url.StartsWith("data:", StringComparison.Ordinal) && !request.Url.StartsWith("blob:", StringComparison.Ordinal))
            {
                elsewhere.Add(request.Url);
            }
        };
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        await page.GotoAsync("/scalar");

        // The document's groups of operations are listed once the script has fetched and read it.
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Failed messages", Exact = true })).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Contains("Sign-in", await page.Locator("body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(elsewhere);
        Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }
}
