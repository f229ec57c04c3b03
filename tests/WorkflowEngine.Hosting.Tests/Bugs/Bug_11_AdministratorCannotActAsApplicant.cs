using System.Net;
using System.Net.Http.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The applicant policy let an administrator through as well, so an administrator could submit applications (and sign
/// commitments) in their own name, against the separation of duties: the service centre's staff keep the system, they
/// do not apply through it. Reading an applicant's pages stays open to administrators (their view is on the trail);
/// acting as an applicant is for applicants only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_AdministratorCannotActAsApplicant(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task AnAdministratorsSubmission_IsForbidden_AndStoresNothing()
    {
        var host = fixture.Host;
        using var admin = host.Client("admin");
        var before = await host.ScalarAsync("SELECT COUNT(*) FROM applications");

        using var submitted = await admin.PostAsJsonAsync("/api/applications", BusinessOpening.Application());

        await ProblemAssert.IsAsync(submitted, HttpStatusCode.Forbidden);
        Assert.Equal(before, await host.ScalarAsync("SELECT COUNT(*) FROM applications"));
        using var applicant = host.Client("zhangsan");
        using var bySomeoneWhoApplies = await applicant.PostAsJsonAsync("/api/applications", BusinessOpening.Application());
        Assert.Equal(HttpStatusCode.Created, bySomeoneWhoApplies.StatusCode);
    }
}
