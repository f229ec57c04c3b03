using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// 补正一次告知 across departments (issue 10, scope 2): when several departments ask on one application the applicant
/// reads one notice listing every item with the department asking, answers all of it in one upload, and every paused
/// step's clock runs again.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MergedSupplementNoticeTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task TwoDepartmentsAsk_TheApplicantReadsOneNoticeWithEveryItem_AndOneUploadRunsBothClocksAgain()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (id, application) = await BothAskAtOnceAsync(host);
        var notice = Assert.Single(application.GetProperty("notifications").EnumerateArray(),
            n => n.GetProperty("kind").GetString() == "supplement-requested").GetProperty("message").GetString()!;
        Assert.Contains("印章刻制", notice, StringComparison.Ordinal);
        Assert.Contains("身份证复印件缺少反面", notice, StringComparison.Ordinal);
        Assert.Contains("银行开户", notice, StringComparison.Ordinal);
        Assert.Contains("开户申请书未签字", notice, StringComparison.Ordinal);
        Assert.All(new[] { "seal-engraving", "bank-account" }, s => Assert.Equal("paused", Step(application, s).GetProperty("clock").GetString()));

        // One submission with every item answers both departments; both clocks run again.
        host.Clock.Advance(TimeSpan.FromHours(1));
        using var citizen = host.Client("zhangsan");
        using (var body = new MultipartFormDataContent { Pdf("legalRepIdCopy", "%PDF-1.4 both sides\n"), Pdf("bankApplication", "%PDF-1.4 signed\n") })
        {
            Assert.Equal(HttpStatusCode.OK, (await citizen.PostAsync($"/api/applications/{id}/materials", body)).StatusCode);
        }

        application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Empty(application.GetProperty("supplements").EnumerateArray());
        Assert.All(new[] { "seal-engraving", "bank-account" }, s => Assert.Equal("running", Step(application, s).GetProperty("clock").GetString()));
    }

    [Fact]
    public async Task ALaterRequest_AfterTheApplicantWasTold_GivesOneNewNoticeListingEverythingOutstanding()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (id, seal, bank) = await SealAndBankClaimedAsync(host);

        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst) - host.Clock.GetUtcNow());
        await AskAsync(host, "psb-clerk", seal, "legalRepIdCopy", "身份证复印件缺少反面");
        var first = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "PSB's request");
        Assert.DoesNotContain("开户申请书", Notice(first), StringComparison.Ordinal);

        // The bank asks an hour later: the applicant's one notice now lists PSB's item as well as the bank's.
        host.Clock.Advance(TimeSpan.FromHours(1));
        await AskAsync(host, "bank-clerk", bank, "bankApplication", "开户申请书未签字");
        var later = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 2, "the bank's request");
        var notice = Notice(later);
        Assert.Contains("开户申请书未签字", notice, StringComparison.Ordinal);
        Assert.Contains("印章刻制", notice, StringComparison.Ordinal);
        Assert.Contains("身份证复印件缺少反面", notice, StringComparison.Ordinal);
    }

    /// <summary>
    /// Each request expires on its own day: the later department's notice must not leave the applicant reading only its
    /// own deadline while the earlier one runs out first (and withdraws the whole application).
    /// </summary>
    [Fact]
    public async Task ALaterRequest_NamesTheEarlierRequestsOwnDeadline_EarliestFirst_AndTheUploadSlotsShowEachItemsDeadline()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (id, seal, bank) = await SealAndBankClaimedAsync(host);

        // PSB asks on Monday (10 working days: by the close of Monday 16 March), the bank on Tuesday (by Tuesday 17 March's close).
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst) - host.Clock.GetUtcNow());
        await AskAsync(host, "psb-clerk", seal, "legalRepIdCopy", "身份证复印件缺少反面");
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "PSB's request");
        host.Clock.Advance(TimeSpan.FromDays(1));
        await AskAsync(host, "bank-clerk", bank, "bankApplication", "开户申请书未签字");
        var later = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 2, "the bank's request");

        var notice = Notice(later);
        Assert.StartsWith("请注意：本申请最早的补正期限为 2026-03-16 17:30（印章刻制），逾期未补齐的，视为撤回申请。", notice, StringComparison.Ordinal);
        Assert.Contains("身份证复印件缺少反面），须于 2026-03-16 17:30 前补齐", notice, StringComparison.Ordinal);
        Assert.Contains("2026-03-17 17:30", notice, StringComparison.Ordinal);
        using var client = host.Client("zhangsan");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/applications/{id}");
        request.Headers.Add("Accept-Language", "en");
        using var englishAnswer = await client.SendAsync(request);
        var english = Notice(await englishAnswer.Content.ReadFromJsonAsync<JsonElement>());
        Assert.StartsWith("Please note: the earliest supplement deadline on this application is 2026-03-16 17:30 (Seal engraving)", english, StringComparison.Ordinal);
        Assert.Contains(", to be supplied before 2026-03-16 17:30.", english, StringComparison.Ordinal);
        // The API gives each request its own answer-by.
        Assert.Equal(
            ["2026-03-16T17:30:00+08:00", "2026-03-17T17:30:00+08:00"],
            later.GetProperty("supplements").EnumerateArray().Select(s => s.GetProperty("answerBy").GetString()!).ToArray());

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}"));
        Assert.Matches("身份证复印件缺少反面[\\s\\S]*?请于 2026-03-16 17:30 前补交", page);
        Assert.Matches("开户申请书未签字[\\s\\S]*?请于 2026-03-17 17:30 前补交", page);
    }

    [Fact]
    public async Task TheProgressPage_TakesSomeOfTheItemsAsked_AndSaysWhichAreStillToCome()
    {
        await using var host = await AllInOneHost.StartAsync();
        var (id, _, bank) = await SealAndBankClaimedAsync(host);
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst) - host.Clock.GetUtcNow());
        using (var clerk = host.Client("bank-clerk"))
        {
            using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{bank}/supplements", new
            {
                items = new[] { new { material = "legalRepIdCopy", reason = "身份证复印件缺少反面" }, new { material = "bankApplication", reason = "开户申请书未签字" } },
            });
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the bank's request");
        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "zhangsan", "Demo#2026");
        var path = $"/applications/{id}";

        // No item is required on its own: the server takes any of them, a file at a time.
        var page = await browser.GetStringAsync(path);
        Assert.DoesNotMatch("<input type=\"file\" id=\"m-legalRepIdCopy\"[^>]*required", page);
        Assert.DoesNotMatch("<input type=\"file\" id=\"m-bankApplication\"[^>]*required", page);

        host.Clock.Advance(TimeSpan.FromHours(1));
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, path);
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, Pdf("materials.legalRepIdCopy", "%PDF-1.4 both sides\n") };
        using var posted = await browser.PostAsync(path, form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);

        var after = WebUtility.HtmlDecode(await browser.GetStringAsync(posted.Headers.Location!.OriginalString));
        Assert.Contains("id=\"uploaded-note\">材料已上传。 还需上传：银行开户申请书<", after, StringComparison.Ordinal);
        Assert.Matches("身份证复印件缺少反面[\\s\\S]*?已于 2026-03-02 11:30 收到", after);
        Assert.Matches("开户申请书未签字[\\s\\S]*?请于 [0-9-]+ [0-9:]+ 前补交", after);
        var application = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("paused", Step(application, "bank-account").GetProperty("clock").GetString());
    }

    private static string Notice(JsonElement application) =>
        Assert.Single(application.GetProperty("notifications").EnumerateArray(), n => n.GetProperty("kind").GetString() == "supplement-requested")
            .GetProperty("message").GetString()!;

    /// <summary>PSB (the legal representative's ID copy) and the bank (its application form) ask at the same moment, 10:30 on 2 March.</summary>
    private static async Task<(Guid Id, JsonElement Application)> BothAskAtOnceAsync(AllInOneHost host)
    {
        var (id, seal, bank) = await SealAndBankClaimedAsync(host);
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 10, 30, 0, Cst) - host.Clock.GetUtcNow());
        await AskAsync(host, "psb-clerk", seal, "legalRepIdCopy", "身份证复印件缺少反面");
        await AskAsync(host, "bank-clerk", bank, "bankApplication", "开户申请书未签字");
        var application = await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"),
            a => a.GetProperty("supplements").GetArrayLength() == 2,
            "both requests on the application");
        return (id, application);
    }

    /// <summary>A 企业开办 past its licence (approved at 10:00), its seal and bank steps claimed by their clerks.</summary>
    private static async Task<(Guid Id, string Seal, string Bank)> SealAndBankClaimedAsync(AllInOneHost host)
    {
        var id = await host.SubmitBusinessOpeningAsync();
        await host.DecideOnlyTaskAsync("SAMR", "samr-clerk", new DateTimeOffset(2026, 3, 2, 10, 0, 0, Cst));
        return (id, await ClaimAsync(host, id, "PSB", "psb-clerk"), await ClaimAsync(host, id, "BANK", "bank-clerk"));
    }

    private static async Task<string> ClaimAsync(AllInOneHost host, Guid id, string department, string clerk)
    {
        var task = (await host.TaskOfAsync(id, department, clerk)).GetProperty("id").GetString()!;
        using var client = host.Client(clerk);
        (await client.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        return task;
    }

    private static async Task AskAsync(AllInOneHost host, string clerk, string task, string material, string reason)
    {
        using var client = host.Client(clerk);
        using var asked = await client.PostAsJsonAsync($"/api/tasks/{task}/supplements", new { items = new[] { new { material, reason } } });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
    }

    private static ByteArrayContent Pdf(string key, string content)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = $"\"{key}\"", FileName = $"\"{key}.pdf\"" };
        return file;
    }

    private static JsonElement Step(JsonElement application, string stepId) =>
        application.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == stepId);
}
