using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Asking for another person's application answered 403, which told the caller that the id or tracking number exists.
/// It is a 404 now, the same as for an id nobody has; 403 stays for a caller whose role cannot use the endpoint at all.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_OtherPeoplesApplicationsAreNotFound(HostFixture fixture) : IClassFixture<HostFixture>
{
    private async Task<JsonElement> SubmittedAsync()
    {
        using var citizen = fixture.Host.Client("zhangsan");
        using var response = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart());
        return await ProblemAssert.JsonAsync(response, HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("lisi")]
    [InlineData("drc-clerk")]
    public async Task SomeoneElse_GetsNotFound_ForEveryLookup(string caller)
    {
        var application = await SubmittedAsync();
        var id = application.GetProperty("id").GetString();
        var download = application.GetProperty("materials")[0].GetProperty("download").GetString();
        using var client = fixture.Host.Client(caller);

        await ProblemAssert.IsAsync(await client.GetAsync($"/api/applications/{id}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(await client.GetAsync($"/api/applications/tracking/{application.GetProperty("trackingNumber").GetString()}"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(await client.GetAsync($"/api/applications/{id}/audit"), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(await client.GetAsync(download), HttpStatusCode.NotFound);
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(BusinessOpening.Pdf), "addressProof", "住所.pdf" } };
        await ProblemAssert.IsAsync(await client.PostAsync($"/api/applications/{id}/materials", upload), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ClerkOfAnotherDepartment_GetsNotFound_ForATask()
    {
        await SubmittedAsync();
        var task = (await AllInOneHost.EventuallyAsync(
            () => fixture.Host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks?status=all"),
            t => t.GetArrayLength() > 0,
            "a licence task"))[0];
        var path = $"/api/tasks/{task.GetProperty("id").GetString()}";
        using var clerk = fixture.Host.Client("drc-clerk");

        await ProblemAssert.IsAsync(await clerk.GetAsync(path), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(await clerk.PostAsync(path + "/claim", null), HttpStatusCode.NotFound);
        await ProblemAssert.IsAsync(await clerk.PostAsJsonAsync(path + "/complete", new { outcome = "approved" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WrongRoleForTheWholeEndpoint_StaysForbidden()
    {
        using var clerk = fixture.Host.Client("drc-clerk");
        using var citizen = fixture.Host.Client("lisi");

        await ProblemAssert.IsAsync(await clerk.PostAsJsonAsync("/api/applications", BusinessOpening.Application()), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(await clerk.GetAsync("/api/departments/SAMR/tasks"), HttpStatusCode.Forbidden);
        await ProblemAssert.IsAsync(await citizen.GetAsync("/api/definitions"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ClerkWhoMayView_ButIsNotTheApplicant_IsForbiddenToUpload()
    {
        var id = (await SubmittedAsync()).GetProperty("id").GetString();
        using var clerk = fixture.Host.Client("samr-clerk");
        await AllInOneHost.EventuallyAsync(
            async () => (await clerk.GetAsync($"/api/applications/{id}")).StatusCode,
            status => status == HttpStatusCode.OK,
            "the licence step to reach SAMR");
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(BusinessOpening.Pdf), "addressProof", "住所.pdf" } };

        await ProblemAssert.IsAsync(await clerk.PostAsync($"/api/applications/{id}/materials", upload), HttpStatusCode.Forbidden);
    }
}
