using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CsCheck;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A body the host will not take is refused saying what was wrong, before anything reads it: a NUL (typed as <c>%00</c>,
/// sent as a raw 0x00 byte, or escaped in JSON as <c>\u0000</c>) in a page's form, in a multipart text field, in a JSON
/// string, or in an uploaded file's name; too many fields, a field's name over its bound, text that is not UTF-8, a body
/// over its limit, a content type not read. A page's form gets a page in the visitor's language, the API a problem
/// document in the request's, each naming the field where there is one; nothing refused is stored.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FormRefusalTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Login = "/account/login";
    private const string UrlEncoded = "application/x-www-form-urlencoded";

    private AllInOneHost Host => fixture.Host;

    private static ByteArrayContent Bytes(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static HttpClient English(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("Cookie", ".AspNetCore.Culture=c%3Den%7Cuic%3Den");
        return client;
    }

    private async Task<(HttpStatusCode Status, string? Type, string Html)> PostLoginAsync(byte[] body, bool english = false, string contentType = UrlEncoded)
    {
        using var browser = PageSignInTests.Browser(Host);
        if (english)
        {
            English(browser);
        }

        using var response = await browser.PostAsync(Login, Bytes(body, contentType));
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private async Task<int> ApplicationCountAsync() => (await Host.GetJsonAsync("zhangsan", "/api/applications?limit=500")).GetArrayLength();

    private static byte[] ValidApplication => Utf8(BusinessOpening.Application().ToJsonString());

    /// <summary>The application's JSON with a raw 0x00 byte (not an escape) inside the service's id.</summary>
    private static byte[] ApplicationWithRawNul()
    {
        var bytes = ValidApplication;
        var at = bytes.AsSpan().IndexOf("business-opening"u8) + "business".Length;
        bytes[at] = 0x00;
        return bytes;
    }

    /// <summary>A submission refused with a 400 whose error under <paramref name="field"/> says NUL, and no application stored.</summary>
    private async Task AssertSubmissionRefusedSayingNulAsync(HttpContent body, string field)
    {
        var before = await ApplicationCountAsync();
        using var client = Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", body);

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("NUL", ProblemAssert.FieldError(problem, field), StringComparison.Ordinal);
        Assert.Equal(before, await ApplicationCountAsync());
    }

    [Fact]
    public async Task RawNulByte_InAPagesUrlEncodedForm_IsRefusedWithAPageNamingTheField()
    {
        var (status, type, html) = await PostLoginAsync([.. "Input.UserName=ad"u8, 0x00, .. "min&Input.Password=x"u8]);

        Assert.Equal((HttpStatusCode.BadRequest, "text/html"), (status, type));
        Assert.Contains("data-field=\"Input.UserName\">表单中“Input.UserName”一项含有 NUL 控制字符", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawNulByte_InAPagesMultipartField_IsRefusedWithAPageNamingTheField()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");

        using var response = await browser.PostAsync(
            "/services/business-opening/apply",
            RawMultipart.Content(RawMultipart.Field("form.companyName", [.. "福州"u8, 0x00, .. "公司"u8]), RawMultipart.End));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("data-field=\"form.companyName\">表单中“form.companyName”一项含有 NUL 控制字符", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawNulByte_InAJsonBody_IsRefusedSayingNul_AndNothingIsStored()
    {
        await AssertSubmissionRefusedSayingNulAsync(Bytes(ApplicationWithRawNul(), "application/json"), "body");
    }

    [Fact]
    public async Task EscapedNul_InAJsonString_IsRefusedNamingTheFieldAndNul_InEnglishWhenAsked()
    {
        var before = await ApplicationCountAsync();
        using var client = Host.Client("zhangsan");
        client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var application = BusinessOpening.Application();
        application["form"]!["companyName"] = "福州\u0000公司";

        using var response = await client.PostAsync("/api/applications", Bytes(Utf8(application.ToJsonString()), "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("control character U+0000 (NUL)", ProblemAssert.FieldError(problem, "form.companyName"), StringComparison.Ordinal);
        Assert.Equal(before, await ApplicationCountAsync());
    }

    [Fact]
    public async Task RawNulByte_InAnApiMultipartTextField_IsRefusedNamingTheField_AndNothingIsStored()
    {
        await AssertSubmissionRefusedSayingNulAsync(RawMultipart.Content(RawMultipart.Field("application", ApplicationWithRawNul()), RawMultipart.End), "application");
    }

    [Fact]
    public async Task NulInAnUploadedFileName_IsRefusedNamingTheMaterial_AndNothingIsStored()
    {
        var before = await ApplicationCountAsync();
        using var client = Host.Client("zhangsan");

        using var response = await client.PostAsync("/api/applications", RawMultipart.Content(
            RawMultipart.Field("application", ValidApplication),
            RawMultipart.File("articles", "章程\0.pdf"u8.ToArray(), "application/pdf", BusinessOpening.Pdf),
            RawMultipart.End));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("文件名含有控制字符 U+0000", ProblemAssert.FieldError(problem, "materials.articles"), StringComparison.Ordinal);
        Assert.Equal(before, await ApplicationCountAsync());
    }

    [Fact]
    public async Task APageForm_WithTooManyFields_IsRefusedSayingSo()
    {
        var body = string.Join("&", Enumerable.Range(0, 1100).Select(i => $"f{i}=1"));

        var (status, type, html) = await PostLoginAsync(Utf8(body));

        Assert.Equal((HttpStatusCode.BadRequest, "text/html"), (status, type));
        Assert.Contains("表单有 1100 项，超过了 1024 项的上限", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageForm_WithAFieldNameOverItsBound_IsRefusedSayingSo_InEnglishWhenChosen()
    {
        var (status, type, html) = await PostLoginAsync(Utf8(new string('k', 3000) + "=1"), english: true);

        Assert.Equal((HttpStatusCode.BadRequest, "text/html"), (status, type));
        Assert.Contains("is longer than the limit of 2048 characters", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageForm_WithTextThatIsNotUtf8_IsRefusedNamingTheField()
    {
        var (status, type, html) = await PostLoginAsync([.. "Input.UserName="u8, 0xC0, 0xAF, .. "admin&Input.Password=x"u8]);

        Assert.Equal((HttpStatusCode.BadRequest, "text/html"), (status, type));
        Assert.Contains("data-field=\"Input.UserName\">表单中“Input.UserName”一项不是有效的 UTF-8 文本", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageForm_OverItsSizeLimit_IsRefusedWithAPage_NotProblemJson()
    {
        var (status, type, html) = await PostLoginAsync(Utf8("Input.UserName=" + new string('x', 300 * 1024)));

        Assert.Equal((HttpStatusCode.RequestEntityTooLarge, "text/html"), (status, type));
        Assert.Contains("请求体超过了此接口 256 KiB 的上限", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APageForm_OfAContentTypeItDoesNotRead_IsRefusedWithAPageSayingWhatToSend()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", "Demo#2026");

        using var response = await browser.PostAsync("/services/business-opening/apply/check", Bytes(Utf8("{}"), "application/json"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal((HttpStatusCode.UnsupportedMediaType, "text/html"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        Assert.Contains("不接受 application/json。请以 Content-Type: application/x-www-form-urlencoded 发送请求体", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whatever bytes a page's form carries (NULs, bytes that are not UTF-8, stray percent signs, thousands of fields),
    /// the host answers: with the page the form leads to, or with a 400 page that says what was wrong — never a 5xx, never a bare 400.
    /// </summary>
    [Fact]
    public async Task APageForm_OfAnyBytes_IsAnsweredOrRefusedWithAPageSayingWhy()
    {
        using var browser = PageSignInTests.Browser(Host);
        var pieces = Gen.OneOf(
            Gen.Byte.Array[0, 30],
            Gen.Const("Input.UserName="u8.ToArray()),
            Gen.Const("&"u8.ToArray()),
            Gen.Const("%00"u8.ToArray()),
            Gen.Const(new byte[] { 0x00 }),
            Gen.Const("%C0%AF"u8.ToArray()),
            Gen.Const("%"u8.ToArray()),
            Gen.Int[1000, 1100].Select(n => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, n).Select(i => $"&f{i}=1")))));

        await pieces.Array[0, 8].Select(parts => parts.SelectMany(p => p).ToArray()).SampleAsync(
            async body =>
            {
                using var response = await browser.PostAsync(Login, Bytes(body, UrlEncoded));
                var html = await response.Content.ReadAsStringAsync();
                Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {html}");
                Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
                if (response.StatusCode == HttpStatusCode.BadRequest)
                {
                    Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
                }
            },
            iter: 150);
    }
}
