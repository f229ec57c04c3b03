using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// Found by the review of the progress page: its upload form had no <c>action</c>, so a browser posted it to wherever
/// the page was. After a refused withdrawal the page is at <c>…?handler=Withdraw</c>: the files went to the withdrawal
/// handler and were lost, and an online applicant (whose reason is optional) withdrew the application by uploading a
/// material. Each test submits the upload form as a browser does, to its action resolved against the refused page's
/// address.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class Bug_11_UploadAfterARefusalWentToThatHandler
{
    private const string Password = "Demo#2026";

    [Fact]
    public async Task AnApplicant_UploadingAfterARefusedWithdrawal_UploadsAndDoesNotWithdraw()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", Password);

        var refused = await RefusedWithdrawalAsync(browser, $"/applications/{id}", new string('长', 501));
        using var uploaded = await UploadAsync(browser, refused);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal($"/applications/{id}?uploaded=true", uploaded.Headers.Location?.OriginalString);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("in-progress", application.GetProperty("status").GetString());
        Assert.Equal("住所.pdf", AddressProof(application).GetProperty("fileName").GetString());
    }

    [Fact]
    public async Task WindowStaff_UploadingAfterARefusedWithdrawal_UploadOnTheWindowsRoute()
    {
        await using var host = await AllInOneHost.StartAsync();
        var application = BusinessOpening.Application();
        application["applicant"] = new JsonObject { ["name"] = "孙八", ["idType"] = "resident-id", ["idNumber"] = "11010519491231002X", ["phone"] = "13800138000" };
        Guid id;
        using (var api = host.Client("gsc-window"))
        using (var response = await api.PostAsync("/api/window/applications", BusinessOpening.Multipart(application)))
        {
            id = (await ProblemAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("application").GetProperty("id").GetGuid();
        }

        using var window = await PageSignInTests.SignedInBrowserAsync(host, "gsc-window", Password);
        // For a walk-in the citizen's written reason is required: an empty one is refused.
        var refused = await RefusedWithdrawalAsync(window, $"/window/applications/{id}", "");
        using var uploaded = await UploadAsync(window, refused);

        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        Assert.Equal($"/window/applications/{id}?uploaded=true", uploaded.Headers.Location?.OriginalString);
        var after = await host.GetJsonAsync("gsc-window", $"/api/applications/{id}");
        Assert.Equal("in-progress", after.GetProperty("status").GetString());
        Assert.Equal("住所.pdf", AddressProof(after).GetProperty("fileName").GetString());
    }

    /// <summary>Posts the withdrawal form with a reason the page refuses; returns the refusal's address and page.</summary>
    private static async Task<(Uri Url, string Html)> RefusedWithdrawalAsync(HttpClient browser, string page, string reason)
    {
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, page);
        using var form = new MultipartFormDataContent { { new StringContent(reason), "reason" }, { new StringContent(token), "__RequestVerificationToken" } };
        using var response = await browser.PostAsync(page + "?handler=Withdraw", form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        return (response.RequestMessage!.RequestUri!, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Submits the page's upload form with the address proof, as a browser does: to its action, or without one to the page's own address.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient browser, (Uri Url, string Html) page)
    {
        var form = FormTag().Matches(page.Html).Single(f => f.Groups["body"].Value.Contains("name=\"materials.addressProof\"", StringComparison.Ordinal));
        var action = Attribute().Match(form.Groups["open"].Value) is { Success: true } found ? WebUtility.HtmlDecode(found.Groups[1].Value) : page.Url.PathAndQuery;
        var token = Token().Match(form.Groups["body"].Value).Groups[1].Value;
        var file = new ByteArrayContent(BusinessOpening.Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using var body = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { file, "materials.addressProof", "住所.pdf" } };
        return await browser.PostAsync(new Uri(page.Url, action), body);
    }

    private static JsonElement AddressProof(JsonElement application) =>
        application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "addressProof");

    [GeneratedRegex("(?<open><form\\b[^>]*>)(?<body>.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormTag();

    [GeneratedRegex("\\saction=\"([^\"]*)\"")]
    private static partial Regex Attribute();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]*)\"")]
    private static partial Regex Token();
}
