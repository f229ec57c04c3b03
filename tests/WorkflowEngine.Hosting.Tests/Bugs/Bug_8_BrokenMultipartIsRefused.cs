using System.Net;
using System.Net.Http.Headers;
using System.Text;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>A multipart body cut short, or not multipart at all, made the form reader throw: a 500. It is a 400 now.</summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_BrokenMultipartIsRefused(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly byte[] Application = Encoding.UTF8.GetBytes(BusinessOpening.Application().ToJsonString());

    public static TheoryData<string> Cases => new() { "no closing boundary", "random bytes", "wrong boundary", "no boundary" };

    private static HttpContent Body(string kind)
    {
        switch (kind)
        {
            case "no closing boundary":
                return RawMultipart.Content(
                    RawMultipart.Field("application", Application),
                    RawMultipart.File("articles", "章程.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf));
            case "random bytes":
                var random = new byte[4096];
                new Random(8).NextBytes(random);
                return RawMultipart.Content(random);
            case "wrong boundary":
                return RawMultipart.Content([.. RawMultipart.Field("application", Application), .. RawMultipart.End], "another-boundary");
            default:
                var content = new ByteArrayContent(RawMultipart.Field("application", Application));
                content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
                return content;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Submission_WithABrokenMultipartBody_Is400(string kind)
    {
        using var client = fixture.Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", Body(kind));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("multipart", ProblemAssert.FieldError(problem, "body"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Upload_WithABrokenMultipartBody_Is400(string kind)
    {
        using var client = fixture.Host.Client("zhangsan");
        using var created = await client.PostAsync("/api/applications", new StringContent(BusinessOpening.Application().ToJsonString(), Encoding.UTF8, "application/json"));
        var id = (await ProblemAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString();

        using var response = await client.PostAsync($"/api/applications/{id}/materials", Body(kind));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("multipart", ProblemAssert.FieldError(problem, "body"));
    }
}
