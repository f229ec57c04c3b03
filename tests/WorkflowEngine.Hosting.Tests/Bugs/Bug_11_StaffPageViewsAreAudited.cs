using System.Net;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The API put on the application's trail every read of it by someone other than the applicant, but the pages showing
/// the same personal data (the application's page, its receipt) put nothing there: an administrator or a clerk could
/// read anyone's application in the browser without a trace. Now the pages record the view as the API does; the
/// applicant's own look stays off the trail.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_StaffPageViewsAreAudited(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task AdministratorOpeningTheApplicationsPages_IsOnTheTrail_TheApplicantOpeningTheirOwnIsNot()
    {
        var id = await Host.SubmitBusinessOpeningAsync();
        using var applicant = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");
        using var admin = await PageSignInTests.SignedInBrowserAsync(Host, "admin", "Demo#2026");

        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await applicant.GetAsync($"/applications/{id}/receipt")).StatusCode);
        Assert.Empty(await ViewsAsync(id));

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/applications/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/applications/{id}/receipt")).StatusCode);

        var views = await ViewsAsync(id);
        Assert.Equal([("admin", "page"), ("admin", "receipt")], views.Select(v => (v.GetProperty("actor").GetString(), v.GetProperty("data").GetProperty("via").GetString())));
    }

    private async Task<JsonElement[]> ViewsAsync(Guid id) =>
        (await Host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "ApplicationViewed").ToArray();
}
