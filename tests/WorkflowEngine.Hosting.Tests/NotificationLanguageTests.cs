using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The engine's messages to the applicant and its clocks' explanation in the reader's language: English with
/// Accept-Language: en, Chinese by default, the codes beside them the same in both; a message stored before English
/// was kept shows as stored.
/// </summary>
[Trait("Category", "Integration")]
public sealed class NotificationLanguageTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    /// <summary>Friday 3 April 2026, the working day before the Qingming holiday (4–6 April).</summary>
    private static readonly DateTimeOffset BeforeQingming = new(2026, 4, 3, 9, 0, 0, Cst);

    [Fact]
    public async Task SupplementNotice_AndPausedClock_AreEnglishWithAcceptLanguageEn_AndChineseByDefault()
    {
        await using var host = await AllInOneHost.StartAsync(BeforeQingming);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();

        // Before any pause, the statutory count of the licence passes the holiday: named in the reader's language.
        var running = Licence(await GetAsync(host, $"/api/applications/{id}/clocks", "en"));
        var holiday = running.GetProperty("statutory").GetProperty("notCounted").EnumerateArray().First(d => d.GetProperty("reason").GetString() == "holiday");
        Assert.Equal("Qingming Festival", holiday.GetProperty("name").GetString());
        var holidayZh = Licence(await GetAsync(host, $"/api/applications/{id}/clocks", null))
            .GetProperty("statutory").GetProperty("notCounted").EnumerateArray().First(d => d.GetProperty("reason").GetString() == "holiday");
        Assert.Equal("清明节", holidayZh.GetProperty("name").GetString());

        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            host.Clock.Advance(TimeSpan.FromMinutes(30));
            using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements",
                new { items = new[] { new { material = "articles", reason = "章程未盖章" } } });
            asked.EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => GetAsync(host, $"/api/applications/{id}", null), a => a.GetProperty("supplements").GetArrayLength() == 1, "the supplement request");
        var english = Notice(await GetAsync(host, $"/api/applications/{id}", "en-GB,en;q=0.9,zh;q=0.5"), "supplement-requested");
        var chinese = Notice(await GetAsync(host, $"/api/applications/{id}", null), "supplement-requested");

        Assert.StartsWith("Business licence needs materials supplied: Articles of association (章程未盖章).", english.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("before 2026-04-20 17:30", english.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("en", english.GetProperty("language").GetString());
        Assert.StartsWith("营业执照需要补正材料：公司章程（章程未盖章）。", chinese.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("zh-CN", chinese.GetProperty("language").GetString());

        var pausedEn = Licence(await GetAsync(host, $"/api/applications/{id}/clocks", "en")).GetProperty("paused");
        var pausedZh = Licence(await GetAsync(host, $"/api/applications/{id}/clocks", null)).GetProperty("paused");
        Assert.Equal("supplement-requested", pausedEn.GetProperty("reason").GetString());
        Assert.Equal("Supplement: Articles of association (章程未盖章)", pausedEn.GetProperty("text").GetString());
        Assert.Equal("supplement-requested", pausedZh.GetProperty("reason").GetString());
        Assert.Equal("补正：公司章程（章程未盖章）", pausedZh.GetProperty("text").GetString());
    }

    [Fact]
    public async Task CompletedApplication_TellsTheEnginesNotice_AndTheDefinitionsEnglishText_InEnglish()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.FinishBusinessOpeningAsync();
        var application = await GetAsync(host, $"/api/applications/{id}", "en");
        var tracking = application.GetProperty("trackingNumber").GetString();

        Assert.Equal($"Your application ({tracking}) is complete: every step is done.", Notice(application, "completed").GetProperty("message").GetString());
        Assert.Equal($"Everything for opening 福州闽江数字科技有限公司 is done; tracking number {tracking}.", Notice(application, "info").GetProperty("message").GetString());
        Assert.StartsWith("Your certificates have been issued together: ", Notice(application, "certificates").GetProperty("message").GetString(), StringComparison.Ordinal);
        var chinese = await GetAsync(host, $"/api/applications/{id}", null);
        Assert.Equal($"您的申请（{tracking}）已全部办结。", Notice(chinese, "completed").GetProperty("message").GetString());
        Assert.Equal($"福州闽江数字科技有限公司 的企业开办事项已全部办结，受理编号 {tracking}。", Notice(chinese, "info").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Bug_11_CertificateNames_StayedChinese_InEnglish()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.FinishBusinessOpeningAsync();

        // The definition names each certificate in both languages: an English reader gets the English, in the list and
        // in the notice that they were issued; a Chinese reader the Chinese, as stored.
        var english = await GetAsync(host, $"/api/applications/{id}", "en");
        var names = english.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();
        Assert.Contains("Business licence", names);
        Assert.Contains("Company seals", names);
        Assert.All(names, name => Assert.DoesNotMatch("[\\u4e00-\\u9fff]", name));
        var notice = Notice(english, "certificates").GetProperty("message").GetString()!;
        Assert.StartsWith("Your certificates have been issued together: Business licence, Company seals, ", notice, StringComparison.Ordinal);
        Assert.DoesNotMatch("[\\u4e00-\\u9fff]", notice);
        var chinese = await GetAsync(host, $"/api/applications/{id}", null);
        Assert.Contains("营业执照", chinese.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.StartsWith("您的证照已统一发放：营业执照、印章、", Notice(chinese, "certificates").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NotificationStoredWithoutEnglish_ShowsAsStored_InEitherLanguage()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        // A row as an engine before this release wrote it: the Chinese text alone.
        await host.ScalarAsync(
            "INSERT INTO notifications (application_id, at, kind, message) VALUES (@Id, @At, 'legacy', '您的申请已受理，请留意办理进度。')",
            new { Id = id.ToString(), At = host.Clock.GetUtcNow().ToUnixTimeMilliseconds() });

        var english = Notice(await GetAsync(host, $"/api/applications/{id}", "en"), "legacy");
        var chinese = Notice(await GetAsync(host, $"/api/applications/{id}", null), "legacy");

        Assert.Equal("您的申请已受理，请留意办理进度。", english.GetProperty("message").GetString());
        Assert.Equal("zh-CN", english.GetProperty("language").GetString());
        Assert.Equal("您的申请已受理，请留意办理进度。", chinese.GetProperty("message").GetString());
    }

    private static async Task<JsonElement> GetAsync(AllInOneHost host, string path, string? acceptLanguage)
    {
        using var client = host.Client("zhangsan");
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static JsonElement Licence(JsonElement clocks) =>
        clocks.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("kind").GetString() == "step" && c.GetProperty("id").GetString() == "business-licence");

    private static JsonElement Notice(JsonElement application, string kind) =>
        application.GetProperty("notifications").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == kind);
}
