using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests.Bugs;

/// <summary>
/// The licence clerk asked for the articles twice (the second time with the supervisor's approval): the applicant sent
/// a photographed PDF, then a corrected file. The desk showed the newest version and the file the step came with, and
/// the version in between only as a history line without a download, so the clerk could not compare what was sent in
/// each round. Every version the step received is now listed, newest first, each with its round, time and download.
/// </summary>
[Trait("Category", "Integration")]
public sealed class Bug_11_DeskShowsEveryVersionAfterSecondSupplement
{
    private const string Password = "Demo#2026";

    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static readonly DateTimeOffset FirstSupplied = new(2026, 3, 2, 10, 15, 0, Cst);

    private static readonly DateTimeOffset SecondSupplied = new(2026, 3, 2, 11, 5, 0, Cst);

    private static readonly byte[] Corrected = Encoding.UTF8.GetBytes("%PDF-1.4 articles corrected in the second round\n");

    [Fact]
    public async Task AllInOne_TwoRoundsOnTheArticles_ListThreeVersions_EachDownloadingItsOwnFile()
    {
        await using var host = await AllInOneHost.StartAsync(AllInOneHost.MondayMorning);
        var id = await host.SubmitBusinessOpeningAsync();
        var task = (await host.TaskOfAsync(id)).GetProperty("id").GetString()!;

        var photographed = await TwoRoundsAsync(host, host, id, task);

        var versions = await AssertDeskListsEveryVersionAsync(host, task, photographed);
        using var clerk = host.Client("samr-clerk");
        Assert.Equal(new[] { Corrected, photographed, BusinessOpening.Pdf }, await Task.WhenAll(versions.Select(v => clerk.GetByteArrayAsync(v))));

        // A clerk of a department whose steps do not use the articles opens none of them.
        using var tax = host.Client("tax-clerk");
        foreach (var version in versions)
        {
            using var refused = await tax.GetAsync(version);
            Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        }
    }

    /// <summary>SAMR on a department host of its own, over RabbitMQ: each version is fetched from the engine host by its own path.</summary>
    [RabbitMqFact]
    public async Task OnADepartmentHostOfItsOwn_TwoRoundsOnTheArticles_ListThreeVersions_EachDownloadingItsOwnFile()
    {
        await using var broker = await RabbitMqBroker.CreateAsync();
        await using var hosts = await SamrCounterHosts.StartAsync(broker);
        var (engine, counter) = (hosts.Engine, hosts.Counter);
        var id = await engine.SubmitBusinessOpeningAsync();
        var task = (await counter.TaskOfAsync(id)).GetProperty("id").GetString()!;

        var photographed = await TwoRoundsAsync(engine, counter, id, task);

        var versions = await AssertDeskListsEveryVersionAsync(counter, task, photographed);
        Assert.Equal([3, 2, 1], versions.Select(v => int.Parse(v[(v.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(versions, v => Assert.StartsWith($"/api/tasks/{task}/materials/articles/versions/", v, StringComparison.Ordinal));
        using var clerk = counter.Client("samr-clerk");
        Assert.Equal(new[] { Corrected, photographed, BusinessOpening.Pdf }, await Task.WhenAll(versions.Select(v => clerk.GetByteArrayAsync(v))));

        // The bank's clerk on the same host works another department: no version of SAMR's task is theirs to open.
        using var bank = counter.Client("bank-clerk");
        foreach (var version in versions)
        {
            using var refused = await bank.GetAsync(version);
            Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        }

        using var missing = await clerk.GetAsync($"/api/tasks/{task}/materials/articles/versions/9");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    /// <summary>
    /// Round 1: the clerk at <paramref name="desk"/> asks for the articles, the applicant answers at 10:15 with two photos
    /// the engine makes one PDF (version 2). Round 2: the supervisor allows asking again, the applicant answers at 11:05
    /// with a corrected PDF (version 3). Returns the photographed PDF's bytes.
    /// </summary>
    private static async Task<byte[]> TwoRoundsAsync(AllInOneHost engine, AllInOneHost desk, Guid id, string task)
    {
        using var clerk = desk.Client("samr-clerk");
        using var citizen = engine.Client("zhangsan");
        (await clerk.PostAsync($"/api/tasks/{task}/claim", null)).EnsureSuccessStatusCode();
        using (var asked = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements", new { items = new[] { new { material = "articles", reason = "章程缺少第 2 页" } } }))
        {
            Assert.Equal(HttpStatusCode.Accepted, asked.StatusCode);
        }

        await RequestReachesTheApplicantAsync(engine, id);
        engine.Clock.Advance(FirstSupplied - engine.Clock.GetUtcNow());
        using (var photos = new MultipartFormDataContent
        {
            { new ByteArrayContent(TestPhotos.Jpeg(900, 1200)), "articles", "IMG_0101.jpg" },
            { new ByteArrayContent(TestPhotos.Jpeg(900, 1200)), "articles", "IMG_0102.jpg" },
        })
        {
            (await citizen.PostAsync($"/api/applications/{id}/materials", photos)).EnsureSuccessStatusCode();
        }

        await ArticlesAtTheDeskAsync(desk, task, 2);
        var photographed = await citizen.GetByteArrayAsync((await engine.GetJsonAsync("zhangsan", $"/api/applications/{id}")).GetProperty("materials")
            .EnumerateArray().Single(m => m.GetProperty("key").GetString() == "articles").GetProperty("download").GetString());

        engine.Clock.Advance(TimeSpan.FromMinutes(20));
        using var supervisor = desk.Client("samr-supervisor");
        using (var again = await clerk.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals", new
        {
            items = new[] { new { material = "articles", reason = "照片第 2 页模糊，请提交清晰的章程" } },
            reason = "照片核对时才发现模糊，首次补正时无从发现",
        }))
        {
            Assert.Equal(HttpStatusCode.Created, again.StatusCode);
            var approval = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            (await supervisor.PostAsJsonAsync($"/api/tasks/{task}/supplements/approvals/{approval}/approve", new { reason = "同意" })).EnsureSuccessStatusCode();
        }

        await RequestReachesTheApplicantAsync(engine, id);
        engine.Clock.Advance(SecondSupplied - engine.Clock.GetUtcNow());
        var file = new ByteArrayContent(Corrected);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        using (var body = new MultipartFormDataContent { { file, "articles", "章程-修改稿.pdf" } })
        {
            (await citizen.PostAsync($"/api/applications/{id}/materials", body)).EnsureSuccessStatusCode();
        }

        await ArticlesAtTheDeskAsync(desk, task, 3);
        return photographed;
    }

    /// <summary>
    /// The task API lists the three versions newest first, each with its round, time, file and size; the page lists them
    /// in both languages. Returns each version's download, newest first.
    /// </summary>
    private static async Task<string[]> AssertDeskListsEveryVersionAsync(AllInOneHost desk, string task, byte[] photographed)
    {
        var versions = Articles(await desk.GetJsonAsync("samr-clerk", $"/api/tasks/{task}")).GetProperty("versions").EnumerateArray().ToArray();
        Assert.Equal([3, 2, 1], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(["章程-修改稿.pdf", "公司章程.pdf", "章程.pdf"], versions.Select(v => v.GetProperty("fileName").GetString()));
        Assert.Equal([Corrected.Length, photographed.Length, BusinessOpening.Pdf.Length], versions.Select(v => v.GetProperty("size").GetInt32()));
        Assert.Equal([2, 1], versions[..2].Select(v => v.GetProperty("round").GetInt32()));
        Assert.Equal([SecondSupplied, FirstSupplied], versions[..2].Select(v => v.GetProperty("suppliedAt").GetDateTimeOffset()));
        Assert.Equal(TimeSpan.FromHours(8), versions[0].GetProperty("suppliedAt").GetDateTimeOffset().Offset);
        Assert.Equal(JsonValueKind.Null, versions[2].GetProperty("suppliedAt").ValueKind);
        Assert.Equal(2, versions[1].GetProperty("photoPages").GetInt32());

        using var browser = await PageSignInTests.SignedInBrowserAsync(desk, "samr-clerk", Password);
        var page = WebUtility.HtmlDecode(await browser.GetStringAsync($"/desk/tasks/{task}"));
        Assert.Matches(
            "第 3 版 · 第 2 次补正提交（2026-03-02 11:05）[^<]*<a [^>]*>[^<]*<span[^>]*>章程-修改稿.pdf</span></a>[\\s\\S]*?"
            + "第 2 版 · 第 1 次补正提交（2026-03-02 10:15）[^<]*<a [^>]*>[^<]*<span[^>]*>公司章程.pdf</span></a>[^<]*· 由 2 张照片合成 PDF[\\s\\S]*?"
            + "第 1 版 · 补正前收到的文件[^<]*<a [^>]*>[^<]*<span[^>]*>章程.pdf</span></a>",
            page);
        foreach (var download in versions.Select(v => v.GetProperty("download").GetString()!))
        {
            Assert.Contains($"href=\"{download}\"", page, StringComparison.Ordinal);
        }

        var english = WebUtility.HtmlDecode(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, $"/desk/tasks/{task}"));
        Assert.Contains("Version 3 · supplied for supplement request 2 (2026-03-02 11:05)", english, StringComparison.Ordinal);
        Assert.Contains("Version 1 · received before the supplement requests", english, StringComparison.Ordinal);
        return [.. versions.Select(v => v.GetProperty("download").GetString()!)];
    }

    private static Task RequestReachesTheApplicantAsync(AllInOneHost engine, Guid id) =>
        AllInOneHost.EventuallyAsync(
            () => engine.GetJsonAsync("zhangsan", $"/api/applications/{id}"), a => a.GetProperty("supplements").GetArrayLength() == 1, "the request to the applicant");

    private static Task ArticlesAtTheDeskAsync(AllInOneHost desk, string task, int version) =>
        AllInOneHost.EventuallyAsync(
            () => desk.GetJsonAsync("samr-clerk", $"/api/tasks/{task}"), t => Articles(t).GetProperty("version").GetInt32() == version, $"version {version} of the articles at the desk");

    private static JsonElement Articles(JsonElement view) =>
        view.GetProperty("application").GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "articles");
}
