using System.Net;
using System.Text;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// A citizen whose connection dropped after submitting could only submit again, and got a second application. With an
/// Idempotency-Key the same key and body give the same answer and one application, across restarts and concurrent
/// retries; the same key with another body is a 422.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_IdempotentSubmissions(HostFixture fixture) : IClassFixture<HostFixture>
{
    private static HttpRequestMessage Submit(string key, HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = content };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return request;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<int> CountAsync(AllInOneHost host, string user) => (await host.GetJsonAsync(user, "/api/applications")).GetArrayLength();

    [Fact]
    public async Task SameKeyAndBody_GiveTheSameAnswer_AndOneApplication()
    {
        var host = fixture.Host;
        using var client = host.Client("zhangsan");
        var before = await CountAsync(host, "zhangsan");

        using var first = await client.SendAsync(Submit("retry-1", BusinessOpening.Multipart()));
        using var second = await client.SendAsync(Submit("retry-1", BusinessOpening.Multipart()));

        var a = await ProblemAssert.JsonAsync(first, HttpStatusCode.Created);
        var b = await ProblemAssert.JsonAsync(second, HttpStatusCode.Created);
        Assert.Equal(a.GetProperty("id").GetString(), b.GetProperty("id").GetString());
        Assert.Equal(a.GetProperty("trackingNumber").GetString(), b.GetProperty("trackingNumber").GetString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await CountAsync(host, "zhangsan"));
    }

    [Fact]
    public async Task SameKeyWithAnotherBody_Is422()
    {
        var host = fixture.Host;
        using var client = host.Client("zhangsan");
        var before = await CountAsync(host, "zhangsan");
        var form = BusinessOpening.Form();
        using var first = await client.SendAsync(Submit("k-2", Json(BusinessOpening.Application(form.DeepClone().AsObject()).ToJsonString())));
        await ProblemAssert.JsonAsync(first, HttpStatusCode.Created);
        form["employeeCount"] = 13;

        using var second = await client.SendAsync(Submit("k-2", Json(BusinessOpening.Application(form).ToJsonString())));

        var problem = await ProblemAssert.IsAsync(second, HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Idempotency-Key", problem.GetProperty("detail").GetString());
        Assert.Equal(before + 1, await CountAsync(host, "zhangsan"));
    }

    [Fact]
    public async Task DifferentFile_UnderTheSameKey_Is422()
    {
        var host = fixture.Host;
        using var client = host.Client("zhangsan");
        var before = await CountAsync(host, "zhangsan");
        using var first = await client.SendAsync(Submit("k-files", BusinessOpening.Multipart()));
        await ProblemAssert.JsonAsync(first, HttpStatusCode.Created);
        byte[] otherPdf = [.. BusinessOpening.Pdf, .. "% another\n"u8];

        using var second = await client.SendAsync(Submit("k-files", BusinessOpening.Multipart(null, ("articles", "章程.pdf", otherPdf), ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf))));

        await ProblemAssert.IsAsync(second, HttpStatusCode.UnprocessableEntity);
        Assert.Equal(before + 1, await CountAsync(host, "zhangsan"));
    }

    [Fact]
    public async Task TheKey_BelongsToItsApplicant()
    {
        var host = fixture.Host;
        using var zhangsan = host.Client("zhangsan");
        using var lisi = host.Client("lisi");
        var body = BusinessOpening.Application().ToJsonString();

        using var a = await zhangsan.SendAsync(Submit("shared-key", Json(body)));
        using var b = await lisi.SendAsync(Submit("shared-key", Json(body)));

        Assert.NotEqual(
            (await ProblemAssert.JsonAsync(a, HttpStatusCode.Created)).GetProperty("id").GetString(),
            (await ProblemAssert.JsonAsync(b, HttpStatusCode.Created)).GetProperty("id").GetString());
    }

    [Fact]
    public async Task ConcurrentDuplicates_MakeOneApplication()
    {
        var host = fixture.Host;
        using var client = host.Client("zhangsan");
        var before = await CountAsync(host, "zhangsan");
        var body = BusinessOpening.Application().ToJsonString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.SendAsync(Submit("burst", Json(body)))));

        var ids = new HashSet<string?>();
        foreach (var response in responses)
        {
            ids.Add((await ProblemAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString());
            response.Dispose();
        }

        Assert.Single(ids);
        Assert.Equal(before + 1, await CountAsync(host, "zhangsan"));
    }

    [Fact]
    public async Task TheKey_HoldsAcrossARestart()
    {
        var data = Directory.CreateTempSubdirectory("workflow-idempotency-");
        string[] sameData = [$"--Database:ConnectionString=Data Source={Path.Combine(data.FullName, "workflow.db")}", $"--Engine:BlobPath={Path.Combine(data.FullName, "blobs")}"];
        string? firstId;
        await using (var host = await AllInOneHost.StartAsync(extraArgs: sameData))
        {
            using var client = host.Client("zhangsan");
            using var response = await client.SendAsync(Submit("across-restart", BusinessOpening.Multipart()));
            firstId = (await ProblemAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString();
        }

        await using (var host = await AllInOneHost.StartAsync(extraArgs: sameData))
        {
            using var client = host.Client("zhangsan");
            using var response = await client.SendAsync(Submit("across-restart", BusinessOpening.Multipart()));
            Assert.Equal(firstId, (await ProblemAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString());
            Assert.Equal(1, await CountAsync(host, "zhangsan"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        data.Delete(recursive: true);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    [InlineData("x\u0001")]
    public async Task MalformedKey_Is400(string key)
    {
        var host = fixture.Host;
        using var client = host.Client("zhangsan");
        var before = await CountAsync(host, "zhangsan");

        using var response = await client.SendAsync(Submit(key, Json(BusinessOpening.Application().ToJsonString())));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("Idempotency-Key", ProblemAssert.FieldError(problem, "Idempotency-Key"));
        Assert.Equal(before, await CountAsync(host, "zhangsan"));
    }

    [Fact]
    public async Task OverlongKey_Is400()
    {
        var host = fixture.Host;
        using var client = host.Client("zhangsan");
        var before = await CountAsync(host, "zhangsan");

        using var response = await client.SendAsync(Submit(new string('k', 101), Json(BusinessOpening.Application().ToJsonString())));

        await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(before, await CountAsync(host, "zhangsan"));
    }
}
