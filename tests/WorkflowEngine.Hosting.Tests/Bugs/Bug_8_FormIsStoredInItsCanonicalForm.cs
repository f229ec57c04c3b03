using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Finding 8 of the hardening issue (in part): a resident ID ending in lower-case <c>x</c> was stored as typed, and
/// <c>1e-300</c> passed as money. What has one canonical form is now stored in it; what has none is refused.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_8_FormIsStoredInItsCanonicalForm
{
    [Fact]
    public async Task ResidentIdWithLowerCaseX_IsAcceptedAndStoredWithCapitalX()
    {
        await using var host = await AllInOneHost.StartAsync();
        var form = BusinessOpening.Form();
        form["legalRepId"] = "11010519491231002x";
        form["contactEmail"] = "  Zhang.San@Example.COM ";
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart(BusinessOpening.Application(form)));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);

        var id = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        var stored = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("form");
        Assert.Equal("11010519491231002X", stored.GetProperty("legalRepId").GetString());
        Assert.Equal("Zhang.San@example.com", stored.GetProperty("contactEmail").GetString());
    }

    [Theory]
    [InlineData("1e-300")]
    [InlineData("100.001")]
    public async Task MoneyThatIsNotPlainYuanAndFen_IsRefused(string capital)
    {
        await using var host = await AllInOneHost.StartAsync();
        var application = BusinessOpening.Application().ToJsonString().Replace("\"registeredCapital\":1000000", $"\"registeredCapital\":{capital}", StringComparison.Ordinal);
        using var citizen = host.Client("zhangsan");
        using var submitted = await citizen.PostAsync("/api/applications", new StringContent(application, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, submitted.StatusCode);
        Assert.Contains("form.registeredCapital", await submitted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
