using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>The 企业开办 apply page filled in as an applicant does: every required field, and the two required files.</summary>
public static class BusinessOpeningForm
{
    public static readonly FilePayload Articles = new() { Name = "章程.pdf", MimeType = "application/pdf", Buffer = BusinessOpening.Pdf };

    public static readonly FilePayload IdCopy = new() { Name = "身份证.pdf", MimeType = "application/pdf", Buffer = BusinessOpening.Pdf };

    public static async Task FillAsync(IPage page, string legalRepId = "11010519491231002X", bool openBankAccount = false)
    {
        await page.GetByLabel("企业名称").FillAsync("福州闽江数字科技有限公司");
        await page.GetByLabel("企业类型").SelectOptionAsync("llc");
        await page.GetByLabel("注册资本（元）").FillAsync("1000000");
        await page.GetByLabel("经营范围").FillAsync("软件开发；信息技术咨询服务");
        await page.Locator("#f-businessAddress").FillAsync("福建省福州市鼓楼区五四路1号");
        await page.GetByLabel("法定代表人姓名").FillAsync("张三");
        await page.GetByLabel("法定代表人公民身份号码").FillAsync(legalRepId);
        await page.GetByLabel("联系电话").FillAsync("13800138000");
        await page.GetByLabel("参保职工人数").FillAsync("12");
        if (openBankAccount)
        {
            await page.GetByLabel("预约银行开户").CheckAsync();
        }

        await page.GetByLabel("公司章程").SetInputFilesAsync(Articles);
        await page.GetByLabel("法定代表人身份证件").SetInputFilesAsync(IdCopy);
    }
}
