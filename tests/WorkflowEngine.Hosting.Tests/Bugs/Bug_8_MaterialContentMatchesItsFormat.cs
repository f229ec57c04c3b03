using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A material was checked by its file name's extension only, and stored with the content type the client claimed: an
/// HTML page named 章程.pdf and sent as text/html came back to the clerk as text/html. The first bytes must match the
/// declared format now, and downloads carry the type of that format, as an attachment, with nosniff.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_MaterialContentMatchesItsFormat(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 0x4A, 0x46, 0x49, 0x46];

    private static MultipartFormDataContent Upload(string contentType, params (string Key, string FileName, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent { { new StringContent(BusinessOpening.Application().ToJsonString()), "application" } };
        foreach (var (key, fileName, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            content.Add(file, key, fileName);
        }

        return content;
    }

    [Theory]
    [InlineData("articles", "章程.pdf", "<html><script>alert(1)</script></html>")]
    [InlineData("legalRepIdCopy", "身份证.jpg", "%PDF-1.4 not a jpeg")]
    [InlineData("legalRepIdCopy", "身份证.png", "GIF89a")]
    public async Task FileWhoseBytesDoNotMatchItsFormat_Is400NamingTheMaterial(string key, string fileName, string content)
    {
        using var client = fixture.Host.Client("lisi");
        var other = key == "articles" ? ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf) : ("articles", "章程.pdf", BusinessOpening.Pdf);

        using var response = await client.PostAsync("/api/applications", Upload("application/pdf", (key, fileName, System.Text.Encoding.UTF8.GetBytes(content)), other));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("内容", ProblemAssert.FieldError(problem, "materials." + key));
        Assert.Equal(0, (await fixture.Host.GetJsonAsync("lisi", "/api/applications")).GetArrayLength());
    }

    [Theory]
    [InlineData("身份证.png", "image/png")]
    [InlineData("身份证.jpg", "image/jpeg")]
    [InlineData("身份证.pdf", "application/pdf")]
    public async Task Download_CarriesTheFormatsType_NotTheClients(string fileName, string expected)
    {
        using var client = fixture.Host.Client("zhangsan");
        var bytes = expected switch { "image/png" => Png, "image/jpeg" => Jpeg, _ => BusinessOpening.Pdf };
        using var created = await client.PostAsync("/api/applications", Upload("text/html", ("articles", "章程.pdf", BusinessOpening.Pdf), ("legalRepIdCopy", fileName, bytes)));
        var application = await ProblemAssert.JsonAsync(created, HttpStatusCode.Created);
        var download = application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "legalRepIdCopy").GetProperty("download").GetString();

        using var response = await client.GetAsync(download);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(bytes, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task StepsSeeTheDerivedType()
    {
        using var client = fixture.Host.Client("zhangsan");
        using var created = await client.PostAsync("/api/applications", Upload("text/html", ("articles", "章程.pdf", BusinessOpening.Pdf), ("legalRepIdCopy", "id.png", Png)));
        var id = (await ProblemAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString();

        var audit = await fixture.Host.GetJsonAsync("zhangsan", $"/api/applications/{id}/audit");

        Assert.DoesNotContain("text/html", JsonSerializer.Serialize(audit));
    }
}
