using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The apply page's check of the answers as they are typed (<c>POST /services/{key}/apply/check</c>): the same messages
/// as a refused submission, which materials the answers call for, and a clear refusal of whatever else is sent to it.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ApplyCheckTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "Demo#2026";

    private const string Apply = "/services/business-opening/apply";

    private const string Check = "/services/business-opening/apply/check";

    private AllInOneHost Host => fixture.Host;

    [Fact]
    public async Task Check_GivesEachFieldTheMessageTheSubmissionIsRefusedWith_AndStoresNothing()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, Apply);
        var form = BusinessOpening.Form();
        form["companyName"] = "AB";
        form["legalRepId"] = "110105194912310021";
        form["contactPhone"] = "12345";
        var before = await CountAsync();

        using var checkedForm = await browser.PostAsync(Check, Answers(token, form));
        using var submitted = await browser.PostAsync(Apply, ApplicantPagesTests.ApplyForm(token, form: form));

        Assert.Equal(HttpStatusCode.OK, checkedForm.StatusCode);
        var errors = (await ReadJsonAsync(checkedForm)).GetProperty("errors");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submitted.StatusCode);
        var page = WebUtility.HtmlDecode(await submitted.Content.ReadAsStringAsync());
        var onPage = FieldError().Matches(page).ToDictionary(m => "form." + m.Groups[1].Value, m => m.Groups[2].Value);
        Assert.Equal(["form.companyName", "form.contactPhone", "form.legalRepId"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        foreach (var field in errors.EnumerateObject())
        {
            Assert.Equal(onPage[field.Name], string.Join(" ", field.Value.EnumerateArray().Select(m => m.GetString())));
        }

        Assert.Contains("校验", onPage["form.legalRepId"], StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Check_OfAValidForm_HasNoErrors_AndTheBanksFormIsCalledForOnlyWithTheBankBoxTicked()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, Apply);
        var unticked = BusinessOpening.Form();
        unticked.Remove("openBankAccount");
        var ticked = BusinessOpening.Form();
        ticked["openBankAccount"] = true;

        var withoutBank = await ReadJsonAsync(await browser.PostAsync(Check, Answers(token, unticked)));
        var withBank = await ReadJsonAsync(await browser.PostAsync(Check, Answers(token, ticked)));

        Assert.Empty(withoutBank.GetProperty("errors").EnumerateObject());
        Assert.False(withoutBank.GetProperty("materials").GetProperty("bankApplication").GetBoolean());
        Assert.True(withoutBank.GetProperty("materials").GetProperty("articles").GetBoolean());
        Assert.True(withBank.GetProperty("materials").GetProperty("bankApplication").GetBoolean());
    }

    [Fact]
    public async Task ApplyPage_SaysInWordsWhenTheBanksFormIsNeeded()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", Password);

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(Apply));

        Assert.Contains("仅当“预约银行开户”为“是”时需要", page, StringComparison.Ordinal);
        Assert.Contains("data-material=\"bankApplication\" data-needed=\"false\"", page, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/assets/js/apply-form.js\" defer></script>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_RefusesHostileBodies_WithClearAnswers_NeverAServerError()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, Apply);
        using var anonymous = PageSignInTests.Browser(Host);

        using var forged = await browser.PostAsync(Check, Answers(null, BusinessOpening.Form()));
        using var signedOut = await anonymous.PostAsync(Check, Answers(token, BusinessOpening.Form()));
        using var json = await browser.PostAsync(Check, new StringContent("{\"form\":{}}", Encoding.UTF8, "application/json"));
        // As a browser or curl sends a large body: the host refuses it (413) from its headers, before it is sent. Without
        // Expect: 100-continue the client may still be writing when the refusal closes the connection (a broken pipe).
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, Check) { Content = Raw(token, "form.businessScope=" + new string('a', 300 * 1024)) };
        hugeRequest.Headers.ExpectContinue = true;
        using var huge = await browser.SendAsync(hugeRequest);
        using var tooMany = await browser.PostAsync(Check, Raw(token, string.Concat(Enumerable.Repeat("form.companyName=x&", 5000))));
        using var nul = await browser.PostAsync(Check, Raw(token, "form.companyName=A%00B"));
        using var badEncoding = await browser.PostAsync(
            Check, Raw(token, "form.businessScope=a%EF%BF%BDb&form.businessAddress=%ED%A0%80%zz&form.registeredCapital=1e99999999&form.employeeCount=-0x1F"));
        using var unknown = await browser.PostAsync("/services/no-such-service/apply/check", Answers(token, BusinessOpening.Form()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);
        Assert.True((int)signedOut.StatusCode < 500, signedOut.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        // A NUL in a URL-encoded body is refused before any page reads it, as on every page's form.
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        // What can be read is judged as a submission would be: the replacement character, an exponent, a hex number.
        var errors = (await ReadJsonAsync(badEncoding)).GetProperty("errors");
        Assert.Contains("U+FFFD", errors.GetProperty("form.businessScope")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("科学计数法", errors.GetProperty("form.registeredCapital")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal("参保职工人数：应为数字", errors.GetProperty("form.employeeCount")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>The answers as the page's script sends them: the form's fields as text, URL-encoded, without files.</summary>
    private static FormUrlEncodedContent Answers(string? token, JsonObject form) =>
        new([
            .. form.Select(f => KeyValuePair.Create("form." + f.Key, f.Value!.GetValueKind() == JsonValueKind.True ? "true" : f.Value.ToString())),
            .. token is null ? [] : new[] { KeyValuePair.Create("__RequestVerificationToken", token) },
        ]);

    private static StringContent Raw(string token, string body) =>
        new(body + "&__RequestVerificationToken=" + Uri.EscapeDataString(token), Encoding.UTF8, "application/x-www-form-urlencoded");

    private static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }
    }

    private async Task<int> CountAsync() => (await Host.GetJsonAsync("zhangsan", "/api/applications?limit=500")).GetArrayLength();

    [GeneratedRegex("id=\"f-([A-Za-z]+)-error\">([^<]*)<")]
    private static partial Regex FieldError();
}
