using System.Net;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The applicant's apply page (not the API) posted what a browser would not send: file names with control characters,
/// line breaks or 5,000 characters, an empty file, ten thousand fields, a field of a megabyte, a body cut off in the
/// middle of a file. Each is answered with a page (never a 5xx, never problem JSON) and nothing is stored; the same
/// browser's well-formed post right after is taken.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApplyPageHostileUploadTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Apply = "/services/business-opening/apply";

    private static readonly Dictionary<string, Func<byte[], byte[][]>> Bodies = new()
    {
        ["control characters in a file name"] = token => Post(token, ("articles", "章程\u0007\u001b[31m.pdf"u8.ToArray(), BusinessOpening.Pdf)),
        ["a tab in a file name"] = token => Post(token, ("articles", "章程\t.pdf"u8.ToArray(), BusinessOpening.Pdf)),
        ["a line break in a file name"] = token => Post(token, ("articles", "章程\r\nContent-Type: text/html.pdf"u8.ToArray(), BusinessOpening.Pdf)),
        ["a file name of 5,000 characters"] = token => Post(token, ("articles", Encoding.UTF8.GetBytes(new string('章', 5000) + ".pdf"), BusinessOpening.Pdf)),
        ["a file name of dots"] = token => Post(token, ("articles", ".."u8.ToArray(), BusinessOpening.Pdf)),
        ["a zero-byte file"] = token => Post(token, ("articles", "章程.pdf"u8.ToArray(), [])),
        ["ten thousand fields"] = token => [.. Post(token), .. Enumerable.Range(0, 10_000).Select(i => RawMultipart.Field("x" + i, "1"u8.ToArray()))],
        ["a field of one megabyte"] = token => [.. Post(token), RawMultipart.Field("form.companyName", Encoding.UTF8.GetBytes(new string('福', 1024 * 1024 / 3)))],
    };

    public static TheoryData<string> Names => new(Bodies.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Names))]
    public async Task AHostilePost_IsAnsweredWithAPage_NeverA5xx_AndStoresNothing(string name)
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "lisi", "Demo#2026");
        var before = await CountAsync();
        var token = Encoding.UTF8.GetBytes(await PageSignInTests.AntiforgeryTokenAsync(browser, Apply));

        using var response = await browser.PostAsync(Apply, RawMultipart.Content([.. Bodies[name](token), RawMultipart.End]));

        await AssertRefusedWithAPageAsync(response, name);
        Assert.Equal(before, await CountAsync());
        using var genuine = await browser.PostAsync(Apply, ApplicantPagesTests.ApplyForm(await PageSignInTests.AntiforgeryTokenAsync(browser, Apply)));
        Assert.Equal(HttpStatusCode.Redirect, genuine.StatusCode);
    }

    [Fact]
    public async Task APostCutOffInTheMiddleOfAFile_IsAnsweredWithAPage_AndStoresNothing()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "lisi", "Demo#2026");
        var before = await CountAsync();
        var token = Encoding.UTF8.GetBytes(await PageSignInTests.AntiforgeryTokenAsync(browser, Apply));
        var whole = Post(token, ("articles", "章程.pdf"u8.ToArray(), BusinessOpening.Pdf), ("legalRepIdCopy", "身份证.pdf"u8.ToArray(), new byte[64 * 1024]));
        var body = whole.SelectMany(p => p).ToArray();

        using var response = await browser.PostAsync(Apply, RawMultipart.Content(body[..^(32 * 1024)]));

        await AssertRefusedWithAPageAsync(response, "cut off");
        Assert.Equal(before, await CountAsync());
    }

    /// <summary>The token, every field of a valid 企业开办 form, and the given files (the two required ones when none).</summary>
    private static byte[][] Post(byte[] token, params (string Key, byte[] FileName, byte[] Content)[] files)
    {
        var parts = new List<byte[]> { RawMultipart.Field("__RequestVerificationToken", token) };
        foreach (var (key, value) in BusinessOpening.Form())
        {
            parts.Add(RawMultipart.Field("form." + key, Encoding.UTF8.GetBytes(value!.GetValueKind() == JsonValueKind.True ? "true" : value.ToString())));
        }

        var sent = files.Length > 0 ? files : [("articles", "章程.pdf"u8.ToArray(), BusinessOpening.Pdf)];
        parts.AddRange(sent.Select(f => RawMultipart.File("materials." + f.Key, f.FileName, "application/pdf", f.Content)));
        if (!sent.Any(f => f.Key == "legalRepIdCopy"))
        {
            parts.Add(RawMultipart.File("materials.legalRepIdCopy", "身份证.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf));
        }

        return [.. parts];
    }

    private static async Task AssertRefusedWithAPageAsync(HttpResponseMessage response, string name)
    {
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<int> CountAsync() => (await fixture.Host.GetJsonAsync("lisi", "/api/applications?limit=500")).GetArrayLength();
}
