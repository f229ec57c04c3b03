using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Why an application or a step ended, in the reader's language: the engine's own words in English with
/// Accept-Language: en, a clerk's words as typed and marked as theirs, Chinese by default; a reason stored before
/// English was kept shows the stored Chinese.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReasonLanguageTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    [Fact]
    public async Task ApplicationWithdrawnForAnUnansweredSupplement_SaysWhyInEnglish_WithAcceptLanguageEn()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        await SupplementTests.AskForArticlesAsync(host);

        // 企业开办 gives 10 working days: the close of Monday 16 March.
        host.Clock.Advance(new DateTimeOffset(2026, 3, 16, 17, 30, 0, Cst) - host.Clock.GetUtcNow());
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "cancelled", "the withdrawal");
        var english = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}", "en");
        var chinese = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        var tracking = english.GetProperty("trackingNumber").GetString();

        const string Why = "The applicant did not supply the materials asked for in Business licence (Articles of association) before 2026-03-16 17:30, so the application is deemed withdrawn";
        Assert.Equal(Why, english.GetProperty("reason").GetString());
        Assert.Equal($"Your application ({tracking}) has been ended: {Why}", Notice(english, "cancelled"));
        Assert.Equal("申请人未在 2026-03-16 17:30 前补正营业执照所需材料（公司章程），视为撤回申请", chinese.GetProperty("reason").GetString());
        Assert.Equal($"您的申请（{tracking}）已终止办理：申请人未在 2026-03-16 17:30 前补正营业执照所需材料（公司章程），视为撤回申请", Notice(chinese, "cancelled"));
    }

    [Fact]
    public async Task StepRefusedForAnUnansweredSupplement_SaysWhyInEnglish_OnTheStepAndTheApplication()
    {
        await using var host = await AllInOneHost.StartAsync();
        await SupplementTests.PublishRefusingTheStepAsync(host);
        var id = await host.SubmitBusinessOpeningAsync();
        await SupplementTests.AskForArticlesAsync(host);

        host.Clock.Advance(new DateTimeOffset(2026, 3, 4, 17, 30, 0, Cst) - host.Clock.GetUtcNow());
        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "rejected", "the refusal");
        var english = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}", "en");
        var chinese = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");

        const string Why = "The applicant did not supply the materials asked for (Articles of association) before 2026-03-04 17:30, so the step is refused";
        Assert.Equal(Why, SupplementTests.Licence(english).GetProperty("reason").GetString());
        Assert.Equal($"Business licence: {Why}", english.GetProperty("reason").GetString());
        Assert.Equal($"Business licence: {Why}.", Notice(english, "supplement-expired"));
        Assert.EndsWith($"was not approved: Business licence: {Why}", Notice(english, "rejected"), StringComparison.Ordinal);
        Assert.Equal("申请人未在 2026-03-04 17:30 前补正所需材料（公司章程），不予受理", SupplementTests.Licence(chinese).GetProperty("reason").GetString());
        Assert.Equal("营业执照：申请人未在 2026-03-04 17:30 前补正所需材料（公司章程），不予受理", chinese.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task ClerksRefusal_StaysAsTyped_MarkedInEnglishAsTheDepartmentsOwnWords()
    {
        await using var host = await AllInOneHost.StartAsync();
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString();
        using (var clerk = host.Client("samr-clerk"))
        {
            (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
            (await clerk.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "rejected", reason = "企业名称与在先登记的名称近似" })).EnsureSuccessStatusCode();
        }

        await AllInOneHost.EventuallyAsync(
            () => host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("status").GetString() == "rejected", "the refusal");
        var english = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}", "en");
        var chinese = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}");

        Assert.Equal("“企业名称与在先登记的名称近似” (the department's own words)", SupplementTests.Licence(english).GetProperty("reason").GetString());
        Assert.Equal("Business licence: “企业名称与在先登记的名称近似” (the department's own words)", english.GetProperty("reason").GetString());
        Assert.EndsWith("was not approved: Business licence: “企业名称与在先登记的名称近似” (the department's own words)", Notice(english, "rejected"), StringComparison.Ordinal);
        Assert.Equal("企业名称与在先登记的名称近似", SupplementTests.Licence(chinese).GetProperty("reason").GetString());
        Assert.Equal("营业执照：企业名称与在先登记的名称近似", chinese.GetProperty("reason").GetString());

        // Rows as an engine before this release wrote them: the Chinese alone, which the English reader then gets.
        await host.ScalarAsync("UPDATE applications SET reason_en = NULL WHERE id = @Id", new { Id = id.ToString() });
        await host.ScalarAsync("UPDATE steps SET reason_en = NULL WHERE application_id = @Id", new { Id = id.ToString() });
        var old = await host.GetJsonAsync("zhangsan", $"/api/applications/{id}", "en");
        Assert.Equal("营业执照：企业名称与在先登记的名称近似", old.GetProperty("reason").GetString());
        Assert.Equal("企业名称与在先登记的名称近似", SupplementTests.Licence(old).GetProperty("reason").GetString());
    }

    private static string? Notice(JsonElement application, string kind) =>
        application.GetProperty("notifications").EnumerateArray().Single(n => n.GetProperty("kind").GetString() == kind).GetProperty("message").GetString();
}
