using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Bytes that are not UTF-8 were silently turned into U+FFFD and stored: an applicant's name could change without
/// anyone noticing. Every text body is decoded strictly now, and the multipart field refuses the replacement character.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_InvalidUtf8IsRefused(HostFixture fixture) : IClassFixture<HostFixture>
{
    // An overlong encoding of '/', a lone continuation byte, and a UTF-8-encoded surrogate.
    public static TheoryData<byte[]> Invalid => new() { new byte[] { 0xC0, 0xAF }, new byte[] { 0x80 }, new byte[] { 0xED, 0xA0, 0x80 } };

    private static byte[] Application(byte[] inName) =>
        [.. """{"serviceId":"business-opening","form":{"legalRepName":"张"""u8, .. inName, .. "\"}}"u8];

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task JsonSubmission_WithInvalidUtf8_Is400_AndStoresNothing(byte[] invalid)
    {
        using var client = fixture.Host.Client("lisi");
        var body = new ByteArrayContent(Application(invalid));
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");

        using var response = await client.PostAsync("/api/applications", body);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", ProblemAssert.FieldError(problem, "body"));
        Assert.Equal(0, (await fixture.Host.GetJsonAsync("lisi", "/api/applications")).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public async Task MultipartApplicationField_WithInvalidUtf8_Is400(byte[] invalid)
    {
        using var client = fixture.Host.Client("lisi");

        using var response = await client.PostAsync("/api/applications", RawMultipart.Content(
            RawMultipart.Field("application", Application(invalid)),
            RawMultipart.File("articles", "章程.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf),
            RawMultipart.End));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", ProblemAssert.FieldError(problem, "application"));
        Assert.Equal(0, (await fixture.Host.GetJsonAsync("lisi", "/api/applications")).GetArrayLength());
    }

    [Fact]
    public async Task Definition_WithInvalidUtf8_Is400()
    {
        using var admin = fixture.Host.Client("admin");
        var body = new ByteArrayContent([.. "id: x\ntitle: "u8, 0xFF, 0xFE, .. "\n"u8]);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("application/yaml");

        using var response = await admin.PostAsync("/api/definitions", body);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("UTF-8", ProblemAssert.FieldError(problem, "body"));
        var stored = await (await admin.GetAsync("/api/definitions")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.DoesNotContain(stored.EnumerateArray(), d => d.GetProperty("id").GetString() == "x");
    }
}
