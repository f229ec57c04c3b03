using System.Text.Json.Nodes;
using WorkflowEngine.Definitions.Forms;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

public sealed class ApplicationFormValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private readonly ApplicationFormValidator _validator = new();

    private static JsonObject ValidForm() => new()
    {
        ["companyName"] = "福州测试科技有限公司",
        ["companyType"] = "llc",
        ["registeredCapital"] = 1000000,
        ["businessScope"] = "软件开发",
        ["businessAddress"] = "福州市鼓楼区",
        ["legalRepName"] = "张三",
        ["legalRepId"] = "11010519491231002X",
        ["contactPhone"] = "13800138000",
        ["employeeCount"] = 5,
    };

    private Dictionary<string, string> Errors(JsonObject form, string service = "business-opening") =>
        _validator.Validate(new FormSubmission(Catalog.Shipped(service), form, Today)).Errors
            .ToDictionary(e => e.PropertyName, e => e.ErrorMessage);

    [Fact]
    public void ValidForm_HasNoErrors() => Assert.Empty(Errors(ValidForm()));

    [Fact]
    public void MissingRequiredFields_AreEachNamed()
    {
        var form = ValidForm();
        form.Remove("companyName");
        form["legalRepName"] = "  ";

        var errors = Errors(form);

        Assert.Equal("企业名称：必填", errors["form.companyName"]);
        Assert.Equal("法定代表人姓名：必填", errors["form.legalRepName"]);
        Assert.Equal(2, errors.Count);
    }

    [Theory]
    [InlineData("legalRepId", "110105194912310021", "校验位错误")]
    [InlineData("legalRepId", "11010519491331002X", "出生日期无效")]
    [InlineData("contactPhone", "1380013800", "手机号码")]
    [InlineData("contactEmail", "no-at-sign", "电子邮箱格式不正确")]
    [InlineData("companyType", "corp", "不是可选项")]
    [InlineData("startDate", "2026/12/01", "YYYY-MM-DD")]
    [InlineData("startDate", "2026-11-25", "不能早于 2026-11-26")]
    [InlineData("companyName", "公司", "至少 4 个字")]
    public void BadValue_GetsASpecificMessage(string field, string value, string expected)
    {
        var form = ValidForm();
        form[field] = value;

        Assert.Contains(expected, Errors(form)["form." + field]);
    }

    [Fact]
    public void Landline_IsAcceptedAsPhone()
    {
        var form = ValidForm();
        form["contactPhone"] = "0591-87654321";

        Assert.Empty(Errors(form));
    }

    [Fact]
    public void WrongJsonType_IsNamed()
    {
        var form = ValidForm();
        form["registeredCapital"] = "一百万";
        form["openBankAccount"] = "yes";
        form["employeeCount"] = -1;

        var errors = Errors(form);

        Assert.Contains("应为数字", errors["form.registeredCapital"]);
        Assert.Contains("true 或 false", errors["form.openBankAccount"]);
        Assert.Contains("不能小于 0", errors["form.employeeCount"]);
    }

    [Fact]
    public void Money_AllowsAtMostTwoDecimals()
    {
        var form = ValidForm();
        form["registeredCapital"] = 100.125m;

        Assert.Contains("两位小数", Errors(form)["form.registeredCapital"]);
    }

    [Fact]
    public void FieldNotOnTheForm_IsRefused()
    {
        var form = ValidForm();
        form["favouriteColour"] = "blue";

        Assert.Contains("没有“favouriteColour”", Errors(form)["form.favouriteColour"]);
    }

    [Fact]
    public void UnifiedSocialCreditCode_CheckDigitIsVerified()
    {
        var form = new JsonObject
        {
            ["projectName"] = "某某大厦",
            ["builderName"] = "某建设公司",
            ["builderCode"] = "91350100M000100Y44",
            ["contactPhone"] = "13800138000",
            ["projectType"] = "enterprise",
            ["totalInvestment"] = 5000000,
            ["floorArea"] = 12000,
        };

        Assert.Contains("校验位错误", Errors(form, "construction-permit")["form.builderCode"]);
        form["builderCode"] = "91350100M000100Y43";
        Assert.Empty(Errors(form, "construction-permit"));
    }

    [Fact]
    public void TextPattern_MustMatchTheWholeValue()
    {
        var form = new JsonObject
        {
            ["projectName"] = "某某大厦",
            ["builderName"] = "某建设公司",
            ["builderCode"] = "91350100M000100Y43",
            ["agentName"] = "李四",
            ["agentId"] = "11010519491231002X",
            ["contactPhone"] = "13800138000",
            ["completionDate"] = "2026-10-01",
            ["parcelNumber"] = "350102001001GB00001F00010001X",
        };

        Assert.Contains("格式不正确", Errors(form, "joint-acceptance-registration")["form.parcelNumber"]);
        form["parcelNumber"] = "350102001001GB00001F00010001";
        Assert.Empty(Errors(form, "joint-acceptance-registration"));
    }
}
