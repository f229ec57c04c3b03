using System.Net;
using System.Text;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// File names were stored as sent: NUL and other control characters, a right-to-left override that shows
/// "invoice‮fdp.exe" as "invoiceexe.pdf", thousands of characters, folder paths. Names with such characters are refused,
/// long ones bounded, and folders stripped.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_MaterialFileNamesAreSafe(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static readonly byte[] Application = Encoding.UTF8.GetBytes(BusinessOpening.Application().ToJsonString());

    private static HttpContent WithArticlesNamed(byte[] fileName) => RawMultipart.Content(
        RawMultipart.Field("application", Application),
        RawMultipart.File("articles", fileName, "application/pdf", BusinessOpening.Pdf),
        RawMultipart.File("legalRepIdCopy", "身份证.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf),
        RawMultipart.End);

    public static TheoryData<string> Refused => new() { "章程\0.pdf", "章程\u0001.pdf", "invoice\u202Efdp.pdf", "章程\u2066.pdf", "章程\uFFFD.pdf", new string('章', 201) + ".pdf", "..", "/" };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task UnsafeFileName_Is400NamingTheMaterial(string fileName)
    {
        using var client = fixture.Host.Client("lisi");

        using var response = await client.PostAsync("/api/applications", WithArticlesNamed(Encoding.UTF8.GetBytes(fileName)));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("文件名", ProblemAssert.FieldError(problem, "materials.articles"));
        Assert.Equal(0, (await fixture.Host.GetJsonAsync("lisi", "/api/applications")).GetArrayLength());
    }

    [Theory]
    [InlineData("../../etc/章程.pdf")]
    [InlineData("C:\\Users\\张三\\Desktop\\章程.pdf")]
    public async Task FoldersInAFileName_AreStripped(string fileName)
    {
        using var client = fixture.Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", WithArticlesNamed(Encoding.UTF8.GetBytes(fileName)));

        var created = await ProblemAssert.JsonAsync(response, HttpStatusCode.Created);
        var articles = created.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "articles");
        Assert.Equal("章程.pdf", articles.GetProperty("fileName").GetString());
    }
}
