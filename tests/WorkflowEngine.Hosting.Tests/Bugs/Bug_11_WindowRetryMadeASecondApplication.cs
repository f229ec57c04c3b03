using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// <c>POST /api/window/applications</c> ignored <c>Idempotency-Key</c>: window staff retrying after a lost answer (the
/// network at the counter) made a second application for the same citizen, with a second tracking number and code. A
/// repeat now gets the first application's receipt (200, no query code, a note why); the same key for another citizen
/// is refused as the applicant route refuses it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_WindowRetryMadeASecondApplication(HostFixture fixture) : IClassFixture<HostFixture>
{
    private AllInOneHost Host => fixture.Host;

    private static HttpRequestMessage Request(string key, string idNumber = "11010519491231002X")
    {
        var application = BusinessOpening.Application();
        application["applicant"] = new JsonObject { ["name"] = "赵六", ["idType"] = "resident-id", ["idNumber"] = idNumber, ["phone"] = "13800138000" };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/window/applications") { Content = BusinessOpening.Multipart(application) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task ARetryWithTheSameKey_GetsTheFirstReceiptWithoutTheCode_AndNoSecondApplication()
    {
        using var window = Host.Client("gsc-window");
        var key = Guid.NewGuid().ToString();
        var before = await Host.ScalarAsync("SELECT COUNT(*) FROM applications");

        var first = await ProblemAssert.JsonAsync(await window.SendAsync(Request(key)), HttpStatusCode.Created);
        var repeat = await ProblemAssert.JsonAsync(await window.SendAsync(Request(key)), HttpStatusCode.OK);

        Assert.Equal(before + 1, await Host.ScalarAsync("SELECT COUNT(*) FROM applications"));
        Assert.Equal(first.GetProperty("application").GetProperty("trackingNumber").GetString(), repeat.GetProperty("application").GetProperty("trackingNumber").GetString());
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}$", first.GetProperty("queryCode").GetString()!);
        Assert.False(first.GetProperty("repeat").GetBoolean());
        Assert.True(repeat.GetProperty("repeat").GetBoolean());
        Assert.Equal(JsonValueKind.Null, repeat.GetProperty("queryCode").ValueKind);
        Assert.Contains("查询码", repeat.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameKeyForAnotherCitizen_IsRefused()
    {
        using var window = Host.Client("gsc-window");
        var key = Guid.NewGuid().ToString();
        await ProblemAssert.JsonAsync(await window.SendAsync(Request(key)), HttpStatusCode.Created);

        using var other = await window.SendAsync(Request(key, "110101199003070011"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
    }
}
