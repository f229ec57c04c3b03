using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 9 (a, b) of the hardening issue: any clerk of any department with a step read every material of the
/// application, for ever; and an applicant could replace a file after a department had approved on it, the approved
/// file vanishing from every view. Now a department reads only the materials its steps use, a clerk only while holding
/// or after deciding such a step; uploads are versions, a decision records the versions it was taken on, and once the
/// application is accepted a file is not replaced unless a supplement request asks for it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_MaterialsAreVersionedAndSeenOnlyWhereUsed
{
    [Fact]
    public async Task Clerks_DownloadOnlyWhatTheirStepsUse_AndOnlyWhileHoldingOrAfterDecidingTheStep()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var materials = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("materials");
        var articles = Download(materials, "articles");
        var idCopy = Download(materials, "legalRepIdCopy");

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "zhangsan", articles));
        var licence = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the licence task"))[0];
        // Not yet claimed: the clerk sees the task, not the files.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(host, "samr-clerk", articles));
        await ClaimAndApproveAsync(host, "samr-clerk", licence, approve: false);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "samr-clerk", articles));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "samr-clerk", idCopy));
        await ClaimAndApproveAsync(host, "samr-clerk", licence, approve: true, claim: false);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "samr-clerk", articles));

        var seal = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("psb-clerk", "/api/departments/PSB/tasks"), t => t.GetArrayLength() == 1, "the seal task"))[0];
        await ClaimAndApproveAsync(host, "psb-clerk", seal, approve: false);
        // The seal step uses the ID copy, not the articles of association.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, "psb-clerk", idCopy));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(host, "psb-clerk", articles));
        // Tax registration uses no material at all.
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(host, "tax-clerk", idCopy));
    }

    [Fact]
    public async Task Uploads_AreVersions_ADecisionRecordsWhatItWasTakenOn_AndAcceptedFilesAreNotReplaced()
    {
        await using var host = await AllInOneHost.StartAsync();
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsJsonAsync("/api/applications", BusinessOpening.Application());
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // Before acceptance nothing was decided on: a file may be replaced, and both versions stay.
        Assert.Equal(HttpStatusCode.OK, await UploadAsync(citizen, id!, "legalRepIdCopy"));
        Assert.Equal(HttpStatusCode.OK, await UploadAsync(citizen, id!, "legalRepIdCopy", "%PDF-1.4 second scan\n"));
        Assert.Equal(HttpStatusCode.OK, await UploadAsync(citizen, id!, "articles"));
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("in-progress", application.GetProperty("status").GetString());
        var idCopy = Material(application.GetProperty("materials"), "legalRepIdCopy");
        Assert.Equal(2, idCopy.GetProperty("version").GetInt32());
        Assert.Equal([1, 2], idCopy.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()));

        // Accepted: the articles are not replaced; the deferred address proof may still come.
        using var replaced = await UploadResponseAsync(citizen, id!, "articles", "%PDF-1.4 a different file\n");
        Assert.Equal(HttpStatusCode.Conflict, replaced.StatusCode);
        Assert.Contains("articles", await replaced.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await UploadAsync(citizen, id!, "addressProof"));
        var after = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("materials");
        Assert.Equal(1, Material(after, "articles").GetProperty("version").GetInt32());
        Assert.Single(Material(after, "articles").GetProperty("versions").EnumerateArray());

        var licence = (await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", "/api/departments/SAMR/tasks"), t => t.GetArrayLength() == 1, "the licence task"))[0];
        // The deferred address proof, supplied after the licence step went out, reaches its task (StepMaterialSupplied)
        // before the clerk decides: the decision is taken on it too.
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("samr-clerk", $"/api/tasks/{licence.GetProperty("id").GetString()}"),
            t => t.GetProperty("application").GetProperty("materials").EnumerateArray()
                .Any(m => m.GetProperty("key").GetString() == "addressProof" && m.TryGetProperty("version", out var v) && v.ValueKind == JsonValueKind.Number),
            "the late address proof on the licence task");
        await ClaimAndApproveAsync(host, "samr-clerk", licence, approve: true);
        var approved = await AllInOneHost.EventuallyAsync(
            async () => (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray()
                .Where(e => e.GetProperty("type").GetString() == "StepApproved" && e.GetProperty("stepId").GetString() == "business-licence").ToArray(),
            lines => lines.Length == 1,
            "the licence decision in the trail");
        Assert.Equal("articles@v1,legalRepIdCopy@v2,addressProof@v1", approved[0].GetProperty("data").GetProperty("materials").GetString());
    }

    private static async Task ClaimAndApproveAsync(AllInOneHost host, string clerk, JsonElement task, bool approve, bool claim = true)
    {
        using var client = host.Client(clerk);
        var taskId = task.GetProperty("id").GetString();
        if (claim)
        {
            (await client.PostAsync($"/api/tasks/{taskId}/claim", null)).EnsureSuccessStatusCode();
        }

        if (approve)
        {
            (await client.PostAsJsonAsync($"/api/tasks/{taskId}/complete", new { outcome = "approved" })).EnsureSuccessStatusCode();
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(AllInOneHost host, string user, string path)
    {
        using var client = host.Client(user);
        using var response = await client.GetAsync(path);
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> UploadAsync(HttpClient citizen, string id, string key, string content = "%PDF-1.4\n%%EOF\n")
    {
        using var response = await UploadResponseAsync(citizen, id, key, content);
        return response.StatusCode;
    }

    private static async Task<HttpResponseMessage> UploadResponseAsync(HttpClient citizen, string id, string key, string content)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var body = new MultipartFormDataContent { { file, key, key + ".pdf" } };
        return await citizen.PostAsync($"/api/applications/{id}/materials", body);
    }

    private static JsonElement Material(JsonElement materials, string key) =>
        materials.EnumerateArray().Single(m => m.GetProperty("key").GetString() == key);

    private static string Download(JsonElement materials, string key) => Material(materials, key).GetProperty("download").GetString()!;
}
