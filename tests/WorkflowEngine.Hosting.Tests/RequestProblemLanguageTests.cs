using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Signing a commitment, and a request body the API cannot read (malformed JSON, a wrong content type, too large, a
/// field of the wrong type), are refused in Chinese by default and in English when Accept-Language puts English first.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RequestProblemLanguageTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    private static string Commitments(Guid id) => $"/api/applications/{id}/commitments";

    [Fact]
    public async Task MalformedJson_IsRefusedInTheRequestsLanguage()
    {
        var zh = await SendAsync(Commitments(Guid.NewGuid()), "{\"step\": ", null, HttpStatusCode.BadRequest);
        var en = await SendAsync(Commitments(Guid.NewGuid()), "{\"step\": ", "en", HttpStatusCode.BadRequest);

        Assert.Equal("请求有误，请按各项提示修改", zh.GetProperty("title").GetString());
        Assert.StartsWith("请求体不是合法的 JSON：第 1 行", ProblemAssert.FieldError(zh, "body"), StringComparison.Ordinal);
        Assert.Equal("The request has errors: see each field", en.GetProperty("title").GetString());
        Assert.StartsWith("The request body is not valid JSON: near line 1", ProblemAssert.FieldError(en, "body"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWrongContentType_IsRefusedInTheRequestsLanguage()
    {
        var zh = await SendAsync(Commitments(Guid.NewGuid()), "step=x", "zh-CN,en;q=0.8", HttpStatusCode.UnsupportedMediaType, "text/plain");
        var en = await SendAsync(Commitments(Guid.NewGuid()), "step=x", "en-GB,zh;q=0.5", HttpStatusCode.UnsupportedMediaType, "text/plain");

        Assert.Equal("不支持的内容类型", zh.GetProperty("title").GetString());
        Assert.Equal("不接受 text/plain。请以 Content-Type: application/json 发送请求体，文本一律用 UTF-8 编码", zh.GetProperty("detail").GetString());
        Assert.Equal("Unsupported content type", en.GetProperty("title").GetString());
        Assert.Equal(
            "text/plain is not accepted here. Send the request body as Content-Type: application/json, with text encoded as UTF-8",
            en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyTooLarge_IsRefusedInTheRequestsLanguage()
    {
        var large = "{\"step\": \"" + new string('x', 300 * 1024) + "\"}";
        var zh = await SendAsync(Commitments(Guid.NewGuid()), large, null, HttpStatusCode.RequestEntityTooLarge);
        var en = await SendAsync(Commitments(Guid.NewGuid()), large, "en", HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal("请求过大", zh.GetProperty("title").GetString());
        Assert.Equal("请求体超过了此接口 256 KiB 的上限", zh.GetProperty("detail").GetString());
        Assert.Equal("Request too large", en.GetProperty("title").GetString());
        Assert.Equal("The request body is over this endpoint's limit of 256 KiB", en.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AFieldOfTheWrongType_IsRefusedInTheRequestsLanguage_NamingTheField()
    {
        const string body = "{\"step\": \"archives-acceptance\", \"accept\": \"yes\"}";
        var zh = await SendAsync(Commitments(Guid.NewGuid()), body, null, HttpStatusCode.BadRequest);
        var en = await SendAsync(Commitments(Guid.NewGuid()), body, "en", HttpStatusCode.BadRequest);

        Assert.Equal("请求体应为 { \"step\": \"事项标识\", \"accept\": true }（“accept”的类型不对）", ProblemAssert.FieldError(zh, "body"));
        Assert.Equal("The request body should be { \"step\": \"step id\", \"accept\": true } (“accept” has the wrong type)", ProblemAssert.FieldError(en, "body"));
    }

    [Fact]
    public async Task SigningACommitment_IsRefusedInTheRequestsLanguage()
    {
        var id = await CommitmentFlow.SubmitAsync(Host);
        var url = Commitments(id);

        var notAccepted = JsonSerializer.Serialize(new { step = CommitmentFlow.Archives, accept = false });
        Assert.Equal("须阅读并同意承诺书（accept: true）才能签署", ProblemAssert.FieldError(await SendAsync(url, notAccepted, null, HttpStatusCode.BadRequest), "accept"));
        Assert.Equal("Read and accept the commitment (accept: true) to sign it", ProblemAssert.FieldError(await SendAsync(url, notAccepted, "en", HttpStatusCode.BadRequest), "accept"));

        var noCommitment = JsonSerializer.Serialize(new { step = "fire-acceptance", accept = true });
        Assert.Equal("“fire-acceptance”不是本申请中可按告知承诺制办理的事项", ProblemAssert.FieldError(await SendAsync(url, noCommitment, null, HttpStatusCode.BadRequest), "step"));
        var en = await SendAsync(url, noCommitment, "en", HttpStatusCode.BadRequest);
        Assert.Equal("The request has errors: see each field", en.GetProperty("title").GetString());
        Assert.Equal("“fire-acceptance” is not a step of this application that takes a commitment", ProblemAssert.FieldError(en, "step"));

        var changedText = JsonSerializer.Serialize(new { step = CommitmentFlow.Archives, accept = true, textSha256 = new string('0', 64) });
        var zhConflict = await SendAsync(url, changedText, null, HttpStatusCode.Conflict);
        var enConflict = await SendAsync(url, changedText, "en", HttpStatusCode.Conflict);
        Assert.Equal("当前状态不允许此操作", zhConflict.GetProperty("title").GetString());
        Assert.Equal("承诺书的内容与您阅读的不一致（可能已更新），请重新阅读后签署", zhConflict.GetProperty("detail").GetString());
        Assert.Equal("The current state does not allow this", enConflict.GetProperty("title").GetString());
        Assert.Equal("The commitment is not the text you read (it may have been updated): read it again, then sign", enConflict.GetProperty("detail").GetString());

        var signed = JsonSerializer.Serialize(new { step = CommitmentFlow.Archives, accept = true });
        Assert.Equal("没有这个申请", (await SendAsync(url, signed, null, HttpStatusCode.NotFound, user: "lisi")).GetProperty("detail").GetString());
        var enMissing = await SendAsync(url, signed, "en", HttpStatusCode.NotFound, user: "lisi");
        Assert.Equal("Not found", enMissing.GetProperty("title").GetString());
        Assert.Equal("There is no such application", enMissing.GetProperty("detail").GetString());
    }

    /// <summary>Posts <paramref name="body"/> as the applicant (or <paramref name="user"/>); the problem's body.</summary>
    private async Task<JsonElement> SendAsync(
        string url, string body, string? acceptLanguage, HttpStatusCode status, string contentType = "application/json", string user = "zhangsan")
    {
        using var client = Host.Client(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        return await ProblemAssert.IsAsync(response, status);
    }
}
