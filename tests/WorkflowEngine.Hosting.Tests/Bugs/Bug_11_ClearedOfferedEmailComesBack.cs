using System.Net;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The apply form offers a self-registered applicant the mobile number they proved and the e-mail they gave. An
/// applicant who emptied an offered field on purpose and was refused for another field must find it empty on the
/// refused page, not filled in again from the account (they might send an address they removed); the offer is made on
/// the first showing only, marked as taken from the account, in Chinese and in English.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_ClearedOfferedEmailComesBack
{
    [Fact]
    public async Task TheOfferedEmailAndNumber_EmptiedAndRefusedForAnotherField_StayEmpty_AndTheOfferIsMarked()
    {
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await SelfRegistrationTests.StartAsync(gateway);
        using var browser = await SelfRegistrationTests.RegisteredBrowserAsync(host, gateway, "139 5000 8888", "wangwu@example.cn");

        var form = WebUtility.HtmlDecode(await browser.GetStringAsync(SelfRegistrationTests.ApplyPage));
        Assert.Equal("wangwu@example.cn", SelfRegistrationTests.FieldValue(form, "contactEmail"));

        // Both emptied, and the company name too short: refused for the name, the two stay as sent.
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, SelfRegistrationTests.ApplyPage);
        var sent = BusinessOpening.Form();
        sent["companyName"] = "AB";
        sent["contactEmail"] = "";
        sent["contactPhone"] = "";
        using var refused = await browser.PostAsync(SelfRegistrationTests.ApplyPage, ApplicantPagesTests.ApplyForm(token, form: sent));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var again = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"f-companyName-error\"", again, StringComparison.Ordinal);
        Assert.Equal("", SelfRegistrationTests.FieldValue(again, "contactEmail"));
        Assert.Equal("", SelfRegistrationTests.FieldValue(again, "contactPhone"));

        // The first showing says where the two came from, and that they may be changed; in English too.
        Assert.Contains("<p class=\"hint field-offered\" id=\"f-contactEmail-offered\">已从您的账号填入注册时留下的电子邮箱，可以修改或清空。</p>", form, StringComparison.Ordinal);
        Assert.Contains("<p class=\"hint field-offered\" id=\"f-contactPhone-offered\">已从您的账号填入注册时验证的手机号", form, StringComparison.Ordinal);
        Assert.Matches("<input [^>]*id=\"f-contactEmail\"[^>]*aria-describedby=\"[^\"]*f-contactEmail-offered", form);
        Assert.DoesNotContain("field-offered", again, StringComparison.Ordinal);

        var english = await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, SelfRegistrationTests.ApplyPage);
        Assert.Equal("wangwu@example.cn", SelfRegistrationTests.FieldValue(english, "contactEmail"));
        Assert.Contains("Filled in from your account: the e-mail you gave when registering. You may change it or leave it empty.", english, StringComparison.Ordinal);
        Assert.Contains("Filled in from your account: the mobile number you verified when registering.", english, StringComparison.Ordinal);
    }
}
