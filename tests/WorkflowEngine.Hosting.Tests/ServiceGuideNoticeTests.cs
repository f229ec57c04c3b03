using System.Net;
using System.Text.Json;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// The one-time notice (一次性告知) carries the service guide (办事指南) a citizen expects: the law it rests on (the
/// bundle's and each step's), who may apply, the fees, the hall and its window, the office hours read from the
/// calendar, the phones, how the result is delivered and the visits to the hall — on the page in Chinese and English,
/// and in <c>GET /api/services/{id}</c>.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ServiceGuideNoticeTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task NoticePage_ShowsTheServiceGuide_InChineseAndInEnglish()
    {
        using var browser = await PageSignInTests.SignedInBrowserAsync(fixture.Host, "zhangsan", "Demo#2026");
        var chinese = Guide(WebUtility.HtmlDecode(await browser.GetStringAsync("/services/business-opening")));
        var english = Guide(await ProvisionalDueTimeTests.SwitchToEnglishAsync(browser, "/services/business-opening"));

        Assert.Contains("<h2 id=\"guide\">办事指南</h2>", chinese, StringComparison.Ordinal);
        Assert.Contains("<dt>设定依据</dt>", chinese, StringComparison.Ordinal);
        Assert.Contains("《中华人民共和国市场主体登记管理条例》", chinese, StringComparison.Ordinal);
        // A step's own basis under its title.
        Assert.Contains("<dt>涉税事项办理与发票申领：</dt>", chinese, StringComparison.Ordinal);
        Assert.Contains("《中华人民共和国税收征收管理法》第十五条", chinese, StringComparison.Ordinal);
        Assert.Contains("<dt>收费标准</dt>", chinese, StringComparison.Ordinal);
        Assert.Contains("不收费", chinese, StringComparison.Ordinal);
        Assert.Contains("示范市新城区政务大道88号市民中心B座1楼", chinese, StringComparison.Ordinal);
        // The office hours come from the definition's calendar (cn-mainland), not from the guide.
        Assert.Contains("法定工作日 09:00-12:00、13:30-17:30（法定节假日除外）", chinese, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:0000-88661234\">0000-88661234</a>", chinese, StringComparison.Ordinal);
        Assert.Contains("<a href=\"tel:12345\">12345</a>", chinese, StringComparison.Ordinal);
        Assert.Contains("电子证照（与纸质证照具有同等效力）、免费邮寄送达、窗口领取", chinese, StringComparison.Ordinal);
        Assert.Contains("0 次（全程网上办理）", chinese, StringComparison.Ordinal);

        Assert.Contains("<h2 id=\"guide\">Service guide</h2>", english, StringComparison.Ordinal);
        Assert.Contains("Regulations of the People's Republic of China on the Registration of Market Entities", english, StringComparison.Ordinal);
        Assert.Contains("<dt>Tax matters and invoices:</dt>", english, StringComparison.Ordinal);
        Assert.Contains("Free of charge", english, StringComparison.Ordinal);
        Assert.Contains("88 Zhengwu Avenue, Xincheng District, Demo City", english, StringComparison.Ordinal);
        Assert.Contains("Working days, 09:00-12:00 and 13:30-17:30 (public holidays excepted)", english, StringComparison.Ordinal);
        Assert.Contains("None (entirely online)", english, StringComparison.Ordinal);
        Assert.DoesNotContain("不收费", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticePage_OfAServiceThatCharges_ListsEachFeeWithItsAmountAndBasis()
    {
        using var client = fixture.Host.Client();
        var page = Guide(WebUtility.HtmlDecode(await client.GetStringAsync("/services/joint-acceptance-registration")));

        Assert.Contains("不动产登记费（住宅，每件）：80.00 元", page, StringComparison.Ordinal);
        Assert.Contains("不动产登记费（非住宅，每件）：550.00 元", page, StringComparison.Ordinal);
        Assert.Contains("收费依据：《国家发展改革委 财政部关于不动产登记收费标准等有关问题的通知》（发改价格规〔2016〕2559号）", page, StringComparison.Ordinal);
        Assert.Contains("最多 1 次（最多跑一次）", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoticeApi_ReturnsTheServiceGuide()
    {
        var guide = (await fixture.Host.GetJsonAsync("zhangsan", "/api/services/business-opening")).GetProperty("guide");

        Assert.Equal("《中华人民共和国市场主体登记管理条例》", guide.GetProperty("legalBasis")[0].GetProperty("zh").GetString());
        var tax = guide.GetProperty("stepLegalBasis").EnumerateArray().Single(s => s.GetProperty("stepId").GetString() == "tax-registration");
        Assert.Equal("Tax matters and invoices", tax.GetProperty("title").GetProperty("en").GetString());
        Assert.Equal("《中华人民共和国税收征收管理法》第十五条", tax.GetProperty("legalBasis")[0].GetProperty("zh").GetString());
        Assert.True(guide.GetProperty("fees").GetProperty("free").GetBoolean());
        Assert.Equal("企业开办专区 A01–A08 号窗口", guide.GetProperty("place").GetProperty("window").GetProperty("zh").GetString());
        Assert.Equal("法定工作日 09:00-12:00、13:30-17:30（法定节假日除外）", guide.GetProperty("officeHours").GetProperty("zh").GetString());
        Assert.Equal("Working days, 09:00-12:00 and 13:30-17:30 (public holidays excepted)", guide.GetProperty("officeHours").GetProperty("en").GetString());
        Assert.Equal("0000-88661234", guide.GetProperty("consultationPhone").GetString());
        Assert.Equal("12345", guide.GetProperty("complaintPhone").GetString());
        Assert.Equal(["electronic", "post", "window"], guide.GetProperty("delivery").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(0, guide.GetProperty("visits").GetInt32());

        var fees = (await fixture.Host.GetJsonAsync("zhangsan", "/api/services/joint-acceptance-registration")).GetProperty("guide").GetProperty("fees");
        var first = fees.GetProperty("items")[0];
        Assert.Equal(80m, first.GetProperty("amount").GetDecimal());
        Assert.Equal("元", first.GetProperty("unit").GetString());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("basis").ValueKind);
    }

    /// <summary>The guide's section of the notice, from its heading to the end of the section.</summary>
    private static string Guide(string page)
    {
        var start = page.IndexOf("<section aria-labelledby=\"guide\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the notice has a service guide");
        return page[start..page.IndexOf("</section>", start, StringComparison.Ordinal)];
    }
}
