using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The application's page let only the applicant upload materials, but the API let an administrator upload to anyone's
/// application too: a file the applicant never gave, which departments would then decide on. Separation of duties holds
/// on the API as on the page: an administrator may read an application, not supply its materials.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_OnlyTheApplicantUploadsMaterials(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task AdministratorsUpload_IsForbidden_AndLeavesTheMaterialsAsTheyWere_TheApplicantsSucceeds()
    {
        var host = fixture.Host;
        using var citizen = host.Client("zhangsan");
        using var admin = host.Client("admin");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", BusinessOpening.Application());
        var id = (await ProblemAssert.JsonAsync(submitted, HttpStatusCode.Created)).GetProperty("id").GetString();
        var before = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("materials").GetRawText();

        using var byAdmin = await admin.PostAsync($"/api/applications/{id}/materials", IdCopy());

        await ProblemAssert.IsAsync(byAdmin, HttpStatusCode.Forbidden);
        Assert.Equal(before, (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("materials").GetRawText());
        using var byApplicant = await citizen.PostAsync($"/api/applications/{id}/materials", IdCopy());
        Assert.Equal(HttpStatusCode.OK, byApplicant.StatusCode);
        var idCopy = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("materials").EnumerateArray()
            .Single(m => m.GetProperty("key").GetString() == "legalRepIdCopy");
        Assert.Equal(1, idCopy.GetProperty("version").GetInt32());
    }

    private static MultipartFormDataContent IdCopy()
    {
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes("%PDF-1.4\n%%EOF\n"));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "legalRepIdCopy", "legalRepIdCopy.pdf" } };
    }
}
