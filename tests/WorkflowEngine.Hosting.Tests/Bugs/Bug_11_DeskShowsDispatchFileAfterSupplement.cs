using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WorkflowEngine.Contracts;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Outbox;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The licence clerk asked for the articles again (补正); the applicant photographed the paper pages, which the engine
/// made a new PDF. The clerk's task page and <c>/api/tasks/{id}</c> still listed the file the step came with — its name,
/// size and no photos — because <c>StepSupplemented</c> carried only key, version and hash; on a department host the
/// download even fetched the old version. The message now says what the new file is, and the desk shows and fetches it,
/// marked as supplied for the request, with the file first received beside it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_DeskShowsDispatchFileAfterSupplement
{
    private const string Password = "Demo#2026";

    private static readonly DateTimeOffset SuppliedAt = new(2026, 3, 2, 10, 15, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task AllInOne_TheArticlesSuppliedAsPhotos_AreWhatTheClerksTaskShowsAndDownloads()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;

        await AskForTheArticlesAsync(host, host, id, task);
        var supplied = await SupplyPhotographedArticlesAsync(host, host, id, task);

        await AssertDeskShowsTheNewArticlesAsync(host, task, supplied);
        using var clerk = host.Client("samr-clerk");
        var download = Articles(await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("download").GetString();
        Assert.Equal(supplied, await clerk.GetByteArrayAsync(download));
    }

    /// <summary>
    /// An engine of a release before the file was described sends key, version and hash only: the task takes the new
    /// version (the decision reports it) and says when it came, and no longer offers the old file as if it were the new one.
    /// </summary>
    [Fact]
    public async Task FromAnOlderEngine_TheNewVersionIsShownWithWhatTheMessageSays_AndTheOldFileIsNotPassedOffAsIt()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;
        await AskForTheArticlesAsync(host, host, id, task);
        host.Clock.Advance(SuppliedAt - host.Clock.GetUtcNow());

        var sha256 = new string('c', 64);
        var older = JsonSerializer.Deserialize<StepSupplemented>($$"""
            {
              "contractVersion": 1, "applicationId": "{{id}}", "stepId": "business-licence", "attempt": 1, "department": "SAMR",
              "requestId": "{{Guid.NewGuid()}}", "materials": [{ "key": "articles", "version": 2, "sha256": "{{sha256}}" }],
              "suppliedAt": "{{SuppliedAt:O}}", "dueAt": "{{AllInOneHost.MondayMorning.AddHours(5):O}}", "dueRevision": 1000
            }
            """, MessageJson.Options)!;
        await host.Services.GetRequiredService<DepartmentProcessor>().SuppliedAsync(older, Guid.NewGuid().ToString("N"), CancellationToken.None);

        var articles = Articles(await host.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"));
        Assert.Equal((2, sha256), (articles.GetProperty("version").GetInt32(), articles.GetProperty("sha256").GetString()));
        Assert.Equal(SuppliedAt, articles.GetProperty("suppliedAt").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Null, articles.GetProperty("fileName").ValueKind);
        Assert.Equal(JsonValueKind.Null, articles.GetProperty("download").ValueKind);
        Assert.Equal("章程.pdf", articles.GetProperty("firstReceived").GetProperty("fileName").GetString());

        using var browser = await PageSignInTests.SignedInBrowserAsync(host, "samr-clerk", Password);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Contains("补正提交（第 2 版，2026-03-02 10:15）", page, StringComparison.Ordinal);
        Assert.Contains("受理系统未随补正告知新文件的名称和大小", page, StringComparison.Ordinal);
        Assert.Contains("申请人已补齐材料：公司章程 第 2 版", page, StringComparison.Ordinal);
    }

    /// <summary>
    /// SAMR on a department host with a database of its own, over RabbitMQ, fetching files from the engine host with its
    /// service token: the clerk's download there fetched the version the step came with.
    /// </summary>
    [RabbitMqFact]
    public async Task OnADepartmentHostOfItsOwn_TheArticlesSuppliedAsPhotos_AreWhatTheClerksTaskShowsAndDownloads()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var hosts = await SamrCounterHosts.StartAsync(broker);
        var (engine, counter) = (hosts.Engine, hosts.Counter);
        var id = await engine.SubmitBusinessOpeningAsync();
        var task = (await counter.TaskOfAsync(id)).GetProperty("id").GetString()!;

        await AskForTheArticlesAsync(engine, counter, id, task);
        var supplied = await SupplyPhotographedArticlesAsync(engine, counter, id, task);

        await AssertDeskShowsTheNewArticlesAsync(counter, task, supplied);
        var download = Articles(await counter.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("download").GetString();
        Assert.Equal($"/api/tasks/{task}/materials/articles", download);
        using var clerk = counter.Client("samr-clerk");
        Assert.Equal(supplied, await clerk.GetByteArrayAsync(download));
    }

    /// <summary>The clerk claims the licence's task at <paramref name="desk"/> and asks for the articles again; waits until the applicant is asked.</summary>
    private static async Task AskForTheArticlesAsync(AllInOneHost engine, AllInOneHost desk, Guid id, string task)
    {
        using var clerk = desk.Client("samr-clerk");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", new { items = new[] { new { material = "articles", reason = "章程缺少第 2 页" } } });
        Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        await AllInOneHost.EventuallyAsync(
            () => engine.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request");
    }

    /// <summary>
    /// At 10:15 the applicant answers with two photos of the paper articles, which the engine makes one PDF; waits until
    /// the task at <paramref name="desk"/> has it and returns the PDF's bytes as the applicant downloads them.
    /// </summary>
    private static async Task<byte[]> SupplyPhotographedArticlesAsync(AllInOneHost engine, AllInOneHost desk, Guid id, string task)
    {
        engine.Clock.Advance(SuppliedAt - engine.Clock.GetUtcNow());
        using var citizen = engine.Client("zhangsan");
        using var photos = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestPhotos.Jpeg(900, 1200)), "articles", "IMG_0101.jpg" },
            { new ByteArrayContent(TestPhotos.Jpeg(900, 1200)), "articles", "IMG_0102.jpg" },
        };
        (await citizen.PostAsync($"/api/applications/{id}/materials", photos)).EnsureSuccessStatusCode();
        await AllInOneHost.EventuallyAsync(
            () => desk.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"),
            t => t.GetProperty("task").GetProperty("supplement").GetProperty("suppliedAt").ValueKind != JsonValueKind.Null,
            "the supplied articles at the desk");
        var articles = (await engine.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("materials").EnumerateArray()
            .Single(m => m.GetProperty("key").GetString() == "articles");
        Assert.Equal(2, articles.GetProperty("version").GetInt32());
        var pdf = await citizen.GetByteArrayAsync(articles.GetProperty("download").GetString());
        Assert.Equal(2, TestPdf.Pages(pdf).Count);
        Assert.NotEqual(BusinessOpening.Pdf, pdf);
        return pdf;
    }

    /// <summary>The task API and page show the photographed PDF, marked as supplied at 10:15, with the file the step came with beside it.</summary>
    private static async Task AssertDeskShowsTheNewArticlesAsync(AllInOneHost desk, string task, byte[] supplied)
    {
        var articles = Articles(await desk.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"));
        Assert.Equal(("公司章程.pdf", 2, 2, supplied.Length), (articles.GetProperty("fileName").GetString(), articles.GetProperty("photoPages").GetInt32(),
            articles.GetProperty("version").GetInt32(), articles.GetProperty("size").GetInt32()));
        Assert.Equal(SuppliedAt, articles.GetProperty("suppliedAt").GetDateTimeOffset());
        var first = articles.GetProperty("firstReceived");
        Assert.Equal(("章程.pdf", 1, BusinessOpening.Pdf.Length), (first.GetProperty("fileName").GetString(), first.GetProperty("version").GetInt32(), first.GetProperty("size").GetInt32()));

        using var browser = await PageSignInTests.SignedInBrowserAsync(desk, "samr-clerk", Password);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Matches("<strong>公司章程</strong>[^<]*<a [^>]*>[^<]*<span[^>]*>公司章程.pdf</span></a>\\s*<span class=\"desk-photo-pages\">· 由 2 张照片合成 PDF</span>", page);
        Assert.Contains("补正提交（第 2 版，2026-03-02 10:15）", page, StringComparison.Ordinal);
        Assert.Matches("第 1 版 · 补正前收到的文件[^<]*<a [^>]*>[^<]*<span[^>]*>章程.pdf</span></a>", page);
        Assert.Contains("申请人已补齐材料：公司章程 第 2 版", page, StringComparison.Ordinal);
        var english = await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, $"/desk/tasks/{task}");
        Assert.Contains("supplied for the supplement request (version 2, 2026-03-02 10:15)", english, StringComparison.Ordinal);
    }

    private static JsonElement Articles(JsonElement view) =>
        view.GetProperty("application").GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "articles");
}
