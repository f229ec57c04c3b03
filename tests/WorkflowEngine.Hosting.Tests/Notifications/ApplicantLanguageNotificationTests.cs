using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Notifications;

/// <summary>
/// An applicant is written to in the language they chose: the apply page in English gives English e-mails and SMS whose
/// links open the pages in English; a change on the progress page changes the next message; window staff choose English
/// for a walk-in citizen at the intake. Through a real mail server and the HTTP SMS gateway started here.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApplicantLanguageNotificationTests
{
    private const string Password = "Demo#2026";
    private const string PublicBaseUrl = "https://zwfw.example.gov.cn/yjs";
    private const string CitizenEmail = "zhangsan@example.cn";

    private static string[] Channels(TestMailServer mail, TestSmsGateway gateway) =>
    [
        $"--Pages:PublicBaseUrl={PublicBaseUrl}",
        "--Notifications:Email:Host=127.0.0.1",
        $"--Notifications:Email:Port={mail.Port}",
        "--Notifications:Email:UseTls=false",
        "--Notifications:Email:From=一网通办 <noreply@zwfw.example.gov.cn>",
        $"--Notifications:Sms:Url={gateway.Url}",
        $"--Notifications:Sms:Secret={TestSmsGateway.Secret}",
        "--Notifications:Sms:Signature=【福州政务】",
        "--Notifications:PollSeconds=0.1",
    ];

    [Fact]
    public async Task ApplyPageInEnglish_GivesEnglishEmailAndSms_WhoseLinkOpensThePagesInEnglish()
    {
        await using var mail = TestMailServer.Start();
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await AllInOneHost.StartAsync(null, null, Channels(mail, gateway));
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/services/business-opening/apply");
        using (await browser.PostAsync("/language", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/"), new("__RequestVerificationToken", token)])))
        {
        }

        var form = BusinessOpening.Form();
        form["contactEmail"] = CitizenEmail;
        using var applied = await browser.PostAsync("/services/business-opening/apply", ApplicantPagesTests.ApplyForm(token, Guid.NewGuid().ToString("N"), form));
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var id = Guid.Parse(applied.Headers.Location!.OriginalString.Split('/')[2]);
        Assert.Equal("en", (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("language").GetString());

        await ApplicantNotificationTests.RequestSupplementAsync(host, id);
        await SentAsync(host, 2);

        var tracking = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString();
        var link = $"{PublicBaseUrl}/applications/{id}?culture=en";
        var message = Assert.Single(mail.Received);
        Assert.Equal($"Your application {tracking}: Supplementary material is requested", message.Subject);
        Assert.Contains("needs materials supplied", message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Progress: {link}", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("需要补正", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("请勿回复", message.TextBody, StringComparison.Ordinal);
        var (sms, _) = Assert.Single(gateway.Requests);
        Assert.Equal($"【福州政务】Your application {tracking}: Supplementary material is requested. Details: {link}", sms.GetProperty("text").GetString());

        // The link, opened in a browser that was Chinese, shows the page (and the ones after it) in English.
        using var elsewhere = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", Password);
        var opened = await elsewhere.GetStringAsync($"/applications/{id}?culture=en");
        var next = await elsewhere.GetStringAsync($"/applications/{id}");
        Assert.Contains("<html lang=\"en\"", opened, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\"", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheLanguageOnTheProgressPage_ChangesTheNextMessage()
    {
        await using var mail = TestMailServer.Start();
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await AllInOneHost.StartAsync(null, null, Channels(mail, gateway));
        var id = await ApplicantNotificationTests.SubmitWithContactAsync(host);
        await ApplicantNotificationTests.RequestSupplementAsync(host, id);
        await SentAsync(host, 1);
        Assert.StartsWith("【福州政务】您的申请（", Assert.Single(gateway.Requests).Body.GetProperty("text").GetString(), StringComparison.Ordinal);

        // On the Chinese progress page, the applicant chooses English for the messages.
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, $"/applications/{id}");
        using var forged = await browser.PostAsync($"/applications/{id}?handler=Language", new MultipartFormDataContent { { new StringContent("en"), "language" } });
        using var unknown = await browser.PostAsync($"/applications/{id}?handler=Language", Language("fr", token));
        using var saved = await browser.PostAsync($"/applications/{id}?handler=Language", Language("en", token));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/applications/{id}?languageSaved=true#language", saved.Headers.Location?.OriginalString);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}?languageSaved=true"));
        Assert.Contains("id=\"language-saved\"", page, StringComparison.Ordinal);
        Assert.Matches("<option value=\"en\" lang=\"en\" selected=\"selected\">English</option>", page);

        // The citizen supplies the material; the clerk then refuses: that message is English.
        using (var citizen = host.Client("zhangsan"))
        {
            var file = new ByteArrayContent(BusinessOpening.Pdf);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            using var upload = new MultipartFormDataContent { { file, "articles", "章程（盖章）.pdf" } };
            (await citizen.PostAsync($"/api/applications/{id}/materials", upload)).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 0, "the supplement to be answered");
        // The department learns of the answer by its own message: until then the task waits for the material (409).
        var task = (await AllInOneHost.EventuallyAsync(
            () => host.TaskOfAsync(id), t => t.GetProperty("clock").GetString() == "running", "the clerk's task to run again")).GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "rejected", reason = "经营范围含需前置审批的项目" })).EnsureSuccessStatusCode();
        }

        await SentAsync(host, 2);
        var tracking = (await host.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("trackingNumber").GetString();
        Assert.Equal(
            $"【福州政务】Your application {tracking}: Not approved. Details: {PublicBaseUrl}/applications/{id}?culture=en",
            gateway.Requests.Last().Body.GetProperty("text").GetString());
        var audit = (await host.GetJsonAsync("admin", $"/api/applications/{id}/audit")).GetProperty("entries").EnumerateArray();
        Assert.Equal("zhangsan", Assert.Single(audit, e => e.GetProperty("type").GetString() == "LanguageChanged").GetProperty("actor").GetString());
    }

    [Fact]
    public async Task WalkInIntake_WithEnglishChosen_TextsTheCitizenInEnglish_LinkingTheLookUpInEnglish()
    {
        await using var mail = TestMailServer.Start();
        await using var gateway = await TestSmsGateway.StartAsync();
        await using var host = await AllInOneHost.StartAsync(null, null, Channels(mail, gateway));
        using var window = await PageSignInTests.SignedInBrowserAsync(host, "gsc-window", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(window, "/window/services/business-opening");
        var intake = ApplicantPagesTests.ApplyForm(token, Guid.NewGuid().ToString("N"));
        foreach (var (field, value) in new[] { ("name", "王五"), ("idType", "resident-id"), ("idNumber", "11010519491231002X"), ("phone", "13800138000") })
        {
            intake.Add(new StringContent(value), "applicant." + field);
        }

        intake.Add(new StringContent("en"), "language");
        var intakePage = WebUtility.HtmlDecode(await window.GetStringAsync("/window/services/business-opening"));
        using var accepted = await window.PostAsync("/window/services/business-opening", intake);

        // The staff's Chinese page offers the choice, Chinese until they change it.
        Assert.Matches("<option value=\"zh-CN\" lang=\"zh-CN\" selected=\"selected\">中文</option>", intakePage);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var tracking = System.Text.RegularExpressions.Regex.Match(await accepted.Content.ReadAsStringAsync(), "id=\"tracking-number\">([^<]+)<").Groups[1].Value;
        var application = await host.GetJsonAsync("gsc-window", $"/api/applications/tracking/{tracking}");
        var id = application.GetProperty("id").GetGuid();
        Assert.Equal("en", application.GetProperty("language").GetString());

        await ApplicantNotificationTests.RequestSupplementAsync(host, id, "gsc-window");
        await SentAsync(host, 1);

        var (sms, _) = Assert.Single(gateway.Requests);
        Assert.Equal("13800138000", sms.GetProperty("phone").GetString());
        Assert.Equal($"【福州政务】Your application {tracking}: Supplementary material is requested. Details: {PublicBaseUrl}/track?culture=en", sms.GetProperty("text").GetString());
    }

    private static MultipartFormDataContent Language(string language, string token) => new()
    {
        { new StringContent(language), "language" },
        { new StringContent(token), "__RequestVerificationToken" },
    };

    private static Task<JsonElement> SentAsync(AllInOneHost host, int count) =>
        AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("admin", "/api/notification-deliveries?status=sent"), d => d.GetArrayLength() == count, $"{count} message(s) to be sent");
}
