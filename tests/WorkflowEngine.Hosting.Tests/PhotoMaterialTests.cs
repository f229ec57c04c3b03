using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A material that takes only PDF, supplied by an applicant on a phone as photos of the paper document's pages: the
/// server makes them one PDF, a page per photo in order, and refuses a photo that is not one with a 400 naming the
/// material, keeping what was accepted before.
/// </summary>
[Trait("Category", "Integration")]
public sealed class PhotoMaterialTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private const string Password = "Demo#2026";

    private AllInOneHost Host => fixture.Host;

    private static JsonElement Material(JsonElement application, string key) =>
        application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == key);

    [Fact]
    public async Task Api_PhotosOfAPdfOnlyMaterial_StoredAsOnePdfOfTheirPagesInOrder()
    {
        using var citizen = Host.Client("zhangsan");
        var portrait = TestPhotos.Jpeg(1200, 1600);
        var screenshot = TestPhotos.Png(30, 40);
        var sideways = TestPhotos.Jpeg(1600, 1200, orientation: 6);

        using var response = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart(
            null,
            ("articles", "IMG_0001.jpg", portrait),
            ("articles", "Screenshot.png", screenshot),
            ("articles", "IMG_0002.JPG", sideways),
            ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf)));

        var application = await ProblemAssert.JsonAsync(response, HttpStatusCode.Created);
        Assert.Equal("in-progress", application.GetProperty("status").GetString());
        var articles = Material(application, "articles");
        Assert.Equal("公司章程.pdf", articles.GetProperty("fileName").GetString());
        Assert.Equal(3, articles.GetProperty("photoPages").GetInt32());
        Assert.Equal(3, articles.GetProperty("versions")[0].GetProperty("photoPages").GetInt32());
        Assert.Equal(JsonValueKind.Null, Material(application, "legalRepIdCopy").GetProperty("photoPages").ValueKind);

        using var download = await citizen.GetAsync(articles.GetProperty("download").GetString());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var pages = TestPdf.Pages(await download.Content.ReadAsByteArrayAsync());
        Assert.Equal([(1200, 1600, "DCTDecode"), (30, 40, "FlateDecode"), (1600, 1200, "DCTDecode")], pages.Select(p => (p.Image.Width, p.Image.Height, p.Image.Filter)));
        Assert.Equal(portrait, pages[0].Image.Data);
        Assert.All(pages, p => Assert.True(p.Height > p.Width, "every page is portrait A4: the sideways photo is turned as the phone was held"));
    }

    public static TheoryData<string, (string FileName, byte[] Content)[], string> Hostile => new()
    {
        { "text named .jpg", [("IMG_0001.jpg", "这不是照片，是改了扩展名的文本"u8.ToArray())], "不是 JPG 或 PNG" },
        { "a huge size in a small PNG", [("IMG_0001.jpg", TestPhotos.Jpeg(800, 600)), ("bomb.png", TestPhotos.PngClaiming(60_000, 60_000))], "第 2 张照片（bomb.png）：照片尺寸 60000×60000 像素过大" },
        { "a zero-byte photo", [("IMG_0001.jpg", TestPhotos.Jpeg(800, 600)), ("IMG_0002.jpg", [])], "第 2 张照片（IMG_0002.jpg）是空文件" },
        { "too many photos", Enumerable.Range(1, 21).Select(i => ($"IMG_{i:D4}.jpg", TestPhotos.Jpeg(800, 600))).ToArray(), "拍照上传最多 20 张照片" },
        { "a PDF among photos", [("IMG_0001.jpg", TestPhotos.Jpeg(800, 600)), ("章程.pdf", BusinessOpening.Pdf)], "拍照上传时，每个文件都须是 JPG 或 PNG 照片" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Api_HostilePhotos_Are400NamingTheMaterial_AndStoreNothing(string what, (string FileName, byte[] Content)[] photos, string expected)
    {
        using var citizen = Host.Client("lisi");
        var files = photos.Select(p => ("articles", p.FileName, p.Content)).Append(("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf)).ToArray();

        using var response = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart(null, files));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        var error = ProblemAssert.FieldError(problem, "materials.articles");
        Assert.StartsWith("公司章程：", error, StringComparison.Ordinal);
        Assert.True(error.Contains(expected, StringComparison.Ordinal), $"{what}: {error}");
        Assert.Equal(0, (await Host.GetJsonAsync("lisi", "/api/applications")).GetArrayLength());
    }

    /// <summary>A single file is checked for its name and its content as each photo is, in its own words.</summary>
    [Theory]
    [InlineData("章程.pdf", 0, "公司章程：文件是空的")]
    [InlineData("章程\u202Efdp.exe", 10, "公司章程：文件名")]
    public async Task Api_ASingleFileEmptyOrBadlyNamed_Is400NamingTheMaterial(string fileName, int size, string expected)
    {
        using var citizen = Host.Client("lisi");

        using var response = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart(
            null, ("articles", fileName, new byte[size]), ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf)));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith(expected, ProblemAssert.FieldError(problem, "materials.articles"), StringComparison.Ordinal);
        Assert.Equal(0, (await Host.GetJsonAsync("lisi", "/api/applications")).GetArrayLength());
    }

    [Fact]
    public async Task Api_HostilePhotoForOneMaterial_KeepsTheMaterialsAcceptedBefore()
    {
        using var citizen = Host.Client("zhangsan");
        using var created = await citizen.PostAsJsonAsync("/api/applications", BusinessOpening.Application());
        var id = (await ProblemAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString();
        using var first = await citizen.PostAsync($"/api/applications/{id}/materials", Files(("articles", "p1.jpg", TestPhotos.Jpeg(900, 1200)), ("articles", "p2.jpg", TestPhotos.Jpeg(900, 1200))));
        Assert.Equal(2, Material(await ProblemAssert.JsonAsync(first, HttpStatusCode.OK), "articles").GetProperty("photoPages").GetInt32());

        using var refused = await citizen.PostAsync($"/api/applications/{id}/materials", Files(("legalRepIdCopy", "front.jpg", TestPhotos.Jpeg(900, 600)), ("legalRepIdCopy", "back.png", TestPhotos.PngClaiming(30_000, 30_000))));

        var problem = await ProblemAssert.IsAsync(refused, HttpStatusCode.BadRequest);
        Assert.StartsWith("法定代表人身份证件：第 2 张照片（back.png）：照片尺寸 30000×30000 像素过大", ProblemAssert.FieldError(problem, "materials.legalRepIdCopy"), StringComparison.Ordinal);
        var application = await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}");
        Assert.Equal("awaiting-materials", application.GetProperty("status").GetString());
        Assert.Equal(2, Material(application, "articles").GetProperty("photoPages").GetInt32());
        Assert.Equal(JsonValueKind.Null, Material(application, "legalRepIdCopy").GetProperty("fileName").ValueKind);
    }

    [Fact]
    public async Task ApplyPage_OffersTheCameraForPdfMaterials_AndTwoPhotosPostedBecomeATwoPagePdfShownOnTheProgressPage()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(Host, "zhangsan", Password);
        var page = await browser.GetStringAsync("/services/business-opening/apply");
        var camera = System.Text.RegularExpressions.Regex.Match(page, "<input type=\"file\" id=\"m-articles-photos\"[^>]*>").Value;
        Assert.Contains("name=\"materials.articles\"", camera, StringComparison.Ordinal);
        Assert.Contains("capture=\"environment\"", camera, StringComparison.Ordinal);
        Assert.Contains("accept=\"image/jpeg,image/png,.jpg,.jpeg,.png\"", camera, StringComparison.Ordinal);
        Assert.Contains("拍照上传纸质材料", page, StringComparison.Ordinal);
        var token = await PageSignInTests.AntiforgeryTokenAsync(browser, "/services/business-opening/apply");

        using var response = await browser.PostAsync("/services/business-opening/apply", ApplicantPagesTests.ApplyForm(
            token, files: [("articles", "IMG_0001.jpg", TestPhotos.Jpeg(1200, 1600)), ("articles", "IMG_0002.jpg", TestPhotos.Jpeg(1200, 1600)), ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf)]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/')[2]);
        var articles = Material(await Host.GetJsonAsync("zhangsan", $"/api/applications/{id}"), "articles");
        Assert.Equal(2, articles.GetProperty("photoPages").GetInt32());
        Assert.Contains("由 2 张照片合成", WebUtility.HtmlDecode(await browser.GetStringAsync($"/applications/{id}")), StringComparison.Ordinal);
    }

    /// <summary>
    /// The step carries the count to the department (<c>ExecuteStep.materials[].photoPages</c>), so the clerk's task API
    /// and desk page, on the all-in-one host as on a department host (which shows the step as it came), say why the
    /// licence's articles are a phone's photos.
    /// </summary>
    [Fact]
    public async Task Desk_TheClerkOfTheStepReadsThatTheArticlesWereMadeOfPhotos_InTheTaskApiAndOnThePageInBothLanguages()
    {
        using var citizen = Host.Client("zhangsan");
        using var response = await citizen.PostAsync("/api/applications", BusinessOpening.Multipart(
            null,
            ("articles", "IMG_0001.jpg", TestPhotos.Jpeg(900, 1200)),
            ("articles", "IMG_0002.jpg", TestPhotos.Jpeg(900, 1200)),
            ("articles", "IMG_0003.png", TestPhotos.Png(30, 40)),
            ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf)));
        var id = (await ProblemAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var taskId = (await Host.TaskOfAsync(id)).GetProperty("id").GetString();

        var detail = await Host.GetJsonAsync("samr-clerk", $"/api/tasks/{taskId}");
        Assert.Equal(3, Material(detail.GetProperty("application"), "articles").GetProperty("photoPages").GetInt32());
        Assert.Equal(JsonValueKind.Null, Material(detail.GetProperty("application"), "legalRepIdCopy").GetProperty("photoPages").ValueKind);

        using var clerk = await PageSignInTests.SignedInBrowserAsync(Host, "samr-clerk", Password);
        var chinese = WebUtility.HtmlDecode(await clerk.GetStringAsync($"/desk/tasks/{taskId}"));
        var english = await ProvisionalDueTimeTests.SwitchToEnglishAsync(clerk, $"/desk/tasks/{taskId}");

        Assert.Matches("<strong>公司章程</strong>[^<]*<a [^>]*>[^<]*<span[^>]*>公司章程.pdf</span></a>\\s*<span class=\"desk-photo-pages\">· 由 3 张照片合成 PDF</span>", chinese);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(chinese, "张照片合成"));
        Assert.Contains("· a PDF made of 3 photos", english, StringComparison.Ordinal);
    }

    /// <summary>A walk-in's paper pages photographed at the window: the printed receipt says how many were taken in.</summary>
    [Fact]
    public async Task Window_PhotosOfTheArticlesTakenIn_TheReceiptCountsThem()
    {
        using var window = await PageSignInTests.SignedInBrowserAsync(Host, "gsc-window", Password);
        var token = await PageSignInTests.AntiforgeryTokenAsync(window, WindowPagesTests.Intake);

        using var accepted = await window.PostAsync(WindowPagesTests.Intake, WindowPagesTests.IntakeForm(
            token, Guid.NewGuid().ToString("N"),
            files: [("articles", "p1.jpg", TestPhotos.Jpeg(900, 1200)), ("articles", "p2.jpg", TestPhotos.Jpeg(900, 1200)), ("articles", "p3.jpg", TestPhotos.Jpeg(900, 1200)), ("legalRepIdCopy", "身份证.pdf", BusinessOpening.Pdf)]));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var receipt = WebUtility.HtmlDecode(await accepted.Content.ReadAsStringAsync());
        Assert.Contains("<li>公司章程：公司章程.pdf<span class=\"receipt-photos\"> — 3 张照片合成 PDF</span></li>", receipt, StringComparison.Ordinal);
        Assert.Contains("<li>法定代表人身份证件：身份证.pdf</li>", receipt, StringComparison.Ordinal);
    }

    private static MultipartFormDataContent Files(params (string Key, string FileName, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), key, fileName);
        }

        return content;
    }
}
