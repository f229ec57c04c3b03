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
        await camera.SetInputFilesAsync(new FilePayload { Name = "image.jpg", MimeType = "image/jpeg", Buffer = TestPhotos.Jpeg(1200, 1600) });
        await camera.SetInputFilesAsync(new FilePayload { Name = "image.jpg", MimeType = "image/jpeg", Buffer = TestPhotos.Jpeg(1200, 1600, orientation: 6) });

        await Assertions.Expect(page.Locator("#m-articles-photos-count")).ToHaveTextAsync("已选 2 张照片，将合成 2 页的 PDF");
        await Assertions.Expect(page.Locator("#m-articles-error")).ToHaveCountAsync(0);
        await PageChecks.AssertNoSeriousAccessibilityViolationAsync(page);
        await PageChecks.AssertNoSidewaysScrollAsync(page);
        await Screenshots.SaveAsync(page, "applicant-apply-photos-phone");

        await page.GetByRole(AriaRole.Button, new() { Name = "提交申请" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("申请已提交", new() { Timeout = 30_000 });
        var number = (await page.Locator("#tracking-number").InnerTextAsync()).Trim();
        var application = await fixture.Host.GetJsonAsync("zhangsan", $"/api/applications/tracking/{number}");
        var articles = application.GetProperty("materials").EnumerateArray().Single(m => m.GetProperty("key").GetString() == "articles");
        Assert.Equal(2, articles.GetProperty("photoPages").GetInt32());
        Assert.Equal("公司章程.pdf", articles.GetProperty("fileName").GetString());
    }
}
