using System.Net;
using System.Text.RegularExpressions;
using WorkflowEngine.Hosting.Identity;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The flow diagram on a definition version's page was an image named only by its title: a screen reader heard "Flow of
/// 企业开办" and nothing of how to read it. The SVG is now described (<c>aria-describedby</c>) by the page's text that says
/// how the figure reads and where the same steps are listed in words.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class Bug_11_FlowDiagramDescribedInWords(HostFixture fixture) : IClassFixture<HostFixture>
{
    [GeneratedRegex("<svg class=\"flow\"[^>]*aria-describedby=\"([^\"]+)\"")]
    private static partial Regex DescribedBy();

    [Fact]
    public async Task TheDiagram_IsDescribedByTheTextBesideIt()
    {
        using var admin = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "admin", IdentitySeeding.DemoPassword);

        var page = WebUtility.HtmlDecode(await admin.GetStringAsync("/admin/definitions/business-opening/versions/1"));

        var id = DescribedBy().Match(page).Groups[1].Value;
        Assert.NotEmpty(id);
        var description = Regex.Match(page, $"<p[^>]*id=\"{Regex.Escape(id)}\"[^>]*>([^<]+)</p>").Groups[1].Value;
        Assert.Contains("从上到下依次办理", description, StringComparison.Ordinal);
        Assert.Contains("办理期限预览", description, StringComparison.Ordinal);
    }
}
