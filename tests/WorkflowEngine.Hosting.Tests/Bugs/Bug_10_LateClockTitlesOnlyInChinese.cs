using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// <c>GET /api/admin/late-clocks</c> gave each late bundle and stage its service's title in Chinese whatever the
/// request asked for, where the applications list answers <c>Accept-Language: en</c> in English; the English page
/// worked round it by looking the title up in the newest published version. It now honours the language as the
/// other lists do: <c>serviceTitle</c> (and a stage's <c>title</c>) in English where the definition gives one.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_10_LateClockTitlesOnlyInChinese
{
    [Fact]
    public async Task ALateStage_IsTitledInEnglish_WithAcceptLanguageEn_AndInChineseOtherwise()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        await StageClockTests.PublishStagedAsync(host);
        var id = await host.SubmitBusinessOpeningAsync();
        await host.TaskOfAsync(id);
        host.Clock.Advance(new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.FromHours(8)) - host.Clock.GetUtcNow());

        var chinese = StageOf(await host.GetJsonAsync("admin", "/api/admin/late-clocks"));
        Assert.Equal(("企业开办", "登记阶段"), (chinese.GetProperty("serviceTitle").GetString(), chinese.GetProperty("title").GetString()));

        using var admin = host.Client("admin");
        admin.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = StageOf(await admin.GetFromJsonAsync<JsonElement>("/api/admin/late-clocks"));
        Assert.Equal("Business opening", english.GetProperty("serviceTitle").GetString());
        Assert.DoesNotMatch("\\p{IsCJKUnifiedIdeographs}", english.GetProperty("serviceTitle").GetString()!);
    }

    private static JsonElement StageOf(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("clockId").GetString() == "stage-licence");
}
