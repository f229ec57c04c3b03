using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// 告知承诺 in a real browser: the applicant of a 联合验收 application reads the archives department's commitment text on
/// the progress page, signs it with the page's one button, and the step is approved at once, the page then showing the
/// signature and the verification (事后核查) to come instead of the offer. The page passes axe and fits a phone with the
/// offer on it.
/// </summary>
[Trait("Category", "Browser")]
public sealed class CommitmentBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Archives = "archives-acceptance";

    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task TheApplicant_ReadsAndSignsTheCommitment_OnTheProgressPage_AndTheStepIsApprovedAtOnce()
    {
        var id = await ArchivesStepStartedAsync();

        var page = await fixture.SignedInAsync("zhangsan", $"/applications/{id}");
        var offer = page.Locator("form.commitment");
        await Assertions.Expect(offer.Locator("blockquote")).Not.ToBeEmptyAsync();
        await PageChecks.AssertUsableAsync(page);

        await offer.GetByRole(AriaRole.Button, new() { Name = "我已阅读并同意，签署承诺书", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator(".commitment-signed")).ToContainTextAsync("事后核查：待核查");
        await Assertions.Expect(page.Locator("form.commitment")).ToHaveCountAsync(0);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        var archives = (await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("stepId").GetString() == Archives);
        Assert.Equal("approved", archives.GetProperty("status").GetString());
        Assert.Equal("awaiting-verification", archives.GetProperty("commitment").GetProperty("status").GetString());
    }

    /// <summary>Zhangsan's joint acceptance, submitted, once the archives step (which offers a commitment) has reached its department.</summary>
    private async Task<Guid> ArchivesStepStartedAsync()
    {
        var form = JointAcceptance.Form(civilAirDefence: false);
        form["completionDate"] = "2026-02-27";
        using var citizen = Host.Client("zhangsan");
        using var response = await citizen.PostAsync("/api/applications", JointAcceptance.Multipart(form));
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Host.TaskOfAsync(id, "ARCH", "arch-clerk");
        return id;
    }
}
