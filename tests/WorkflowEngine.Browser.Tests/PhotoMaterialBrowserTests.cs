using System.Text.Json;
using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>An applicant on a phone, with a paper document and a camera but no PDF, photographs its pages on the apply page.</summary>
[Trait("Category", "Browser")]
public sealed class PhotoMaterialBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OnAPhone_TwoPhotosTakenOneAfterTheOther_AreSentAsTheArticlesTwoPagePdf()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/business-opening/apply");
        await page.SetViewportSizeAsync(PageChecks.PhoneWidth, 740);
        await BusinessOpeningForm.FillAsync(page);
        await page.GetByLabel("公司章程").SetInputFilesAsync(Array.Empty<FilePayload>());
        var camera = page.Locator("#m-articles-photos");
        await Assertions.Expect(camera).ToHaveAttributeAsync("capture", "environment");

        // A phone's camera gives one photo a shot: the second is added to the first.
        await camera.SetInputFilesAsync(new FilePayload { Name = "image.jpg", MimeType = "image/jpeg", Buffer = await CanvasPhotos.JpegAsync(page, 1200, 1600, "1") });
        await camera.SetInputFilesAsync(new FilePayload { Name = "image.jpg", MimeType = "image/jpeg", Buffer = await CanvasPhotos.JpegAsync(page, 1600, 1200, "2", orientation: 6) });

        var articles = await SendTwoPhotosAsync(page, "applicant-apply-photos-phone");
        Assert.Equal("公司章程.pdf", articles.GetProperty("fileName").GetString());
    }

    /// <summary>
    /// Two photos chosen from the phone's gallery and a third shot with its camera are listed as the PDF's pages; the
    /// applicant takes the second out (by keyboard) and moves the camera's shot to the front, and the PDF's pages come
    /// in the order shown: each photo of a size of its own, read back from the stored PDF.
    /// </summary>
    [Fact]
    public async Task OnAPhone_ThePhotosAreReorderedAndOneRemovedBeforeSending_AndThePdfsPagesComeInTheOrderShown()
    {
        var page = await fixture.SignedInAsync("zhangsan", "/services/business-opening/apply");
        await page.SetViewportSizeAsync(PageChecks.PhoneWidth, 740);
        await BusinessOpeningForm.FillAsync(page);
        await page.Locator("#m-articles").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "a.jpg", MimeType = "image/jpeg", Buffer = await CanvasPhotos.JpegAsync(page, 600, 800, "A") },
            new FilePayload { Name = "b.jpg", MimeType = "image/jpeg", Buffer = await CanvasPhotos.JpegAsync(page, 700, 900, "B") },
        });
        await page.Locator("#m-articles-photos").SetInputFilesAsync(new FilePayload { Name = "c.jpg", MimeType = "image/jpeg", Buffer = await CanvasPhotos.JpegAsync(page, 800, 1000, "C") });
        var pages = page.Locator("#m-articles-photos-list li .photo-name");
        await Assertions.Expect(pages).ToHaveTextAsync(["第 1 页 · a.jpg", "第 2 页 · b.jpg", "第 3 页 · c.jpg"]);
        await CanvasPhotos.AssertThumbnailsShownAsync(page.Locator("#m-articles-photos-list"), 3);

        // By keyboard: the button named for the page and the file, pressed with Enter.
        await page.GetByRole(AriaRole.Button, new() { Name = "移除：第 2 页（b.jpg）", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(pages).ToHaveTextAsync(["第 1 页 · a.jpg", "第 2 页 · c.jpg"]);
        await Assertions.Expect(page.Locator(":focus")).ToHaveAttributeAsync("aria-label", "移除：第 2 页（c.jpg）");

        await page.GetByRole(AriaRole.Button, new() { Name = "上移：第 2 页（c.jpg）", Exact = true }).ClickAsync();
        await Assertions.Expect(pages).ToHaveTextAsync(["第 1 页 · c.jpg", "第 2 页 · a.jpg"]);
        // At the top it can move no higher: the focus stays with the photo, on the button that still moves it.
        await Assertions.Expect(page.Locator(":focus")).ToHaveAttributeAsync("aria-label", "下移：第 1 页（c.jpg）");
        var articles = await SendTwoPhotosAsync(page, "applicant-apply-photos-ordered-phone");
        using var citizen = fixture.Host.Client("zhangsan");
        var pdf = await citizen.GetByteArrayAsync(articles.GetProperty("download").GetString());
        Assert.Equal([(800, 1000), (600, 800)], TestPdf.Pages(pdf).Select(p => (p.Image.Width, p.Image.Height)));
    }

    /// <summary>
    /// With two photos chosen for the articles and nothing said against them, checks the phone page (axe, no sideways
    /// scrolling), saves its screenshot, sends it, and returns the articles as the API then gives them: a PDF of two photos.
    /// </summary>
    private async Task<JsonElement> SendTwoPhotosAsync(IPage page, string screenshot)
    {
        await Assertions.Expect(page.Locator("#m-articles-photos-count")).ToHaveTextAsync("已选 2 张照片，将合成 2 页的 PDF");
        await Assertions.Expect(page.Locator("#m-articles-error")).ToHaveCountAsync(0);
        await CanvasPhotos.AssertThumbnailsShownAsync(page.Locator("#m-articles-photos-list"), 2);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertNoSidewaysScrollAsync(page);
        await Screenshots.SaveAsync(page, screenshot);

        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交", new() { Timeout = 30_000 });
        var number = (await page.Locator("#tracking-number").InnerTextAsync()).Trim();
        var application = await fixture.Host.GetJsonAsync("zhangsan", $"/api/applications/tracking/{number}");
        var articles = application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "articles");
        Assert.Equal(2, articles.GetProperty("photoPages").GetInt32());
        return articles;
    }
}
