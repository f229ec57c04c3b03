using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// The service guide (办事指南, <c>guide:</c>) and a step's <c>legalBasis</c>: read in full where they are right, and
/// each mistake refused at its line and key, in Chinese and English, before a citizen reads a wrong phone number or fee.
/// </summary>
public sealed class ServiceGuideTests
{
    private const string Guide = """
        guide:
          legalBasis:
            - { zh: 《中华人民共和国行政许可法》, en: Administrative Licensing Law }
          eligibility: { zh: 本市企业, en: Enterprises of the city }
          fees: { free: true }
          place:
            hall: { zh: 示范市政务服务中心, en: Demo City Government Service Centre }
            address: { zh: 政务大道88号, en: 88 Zhengwu Avenue }
            window: { zh: A01 号窗口, en: Window A01 }
          hoursNote: { zh: 周六上午延时服务, en: Saturday mornings too }
          consultationPhone: 0000-88661234
          complaintPhone: 12345
          delivery: [electronic, post]
          visits: 0
        """;

    private const string Valid = """
        id: sample
        title: 示例事项
        timeLimits:
          statutory: { workingDays: 10 }
          promised: { workingDays: 5 }
        GUIDE
        materials:
          - { key: articles, name: 章程, required: true, usedBy: [licence] }
        flow:
          activity: sequence
          steps:
            - id: licence
              activity: department-task
              title: 营业执照
              department: SAMR
              limit: { workingDays: 2 }
              legalBasis: [ 《中华人民共和国市场主体登记管理条例》第十九条 ]
            - id: done
              activity: notification
              message: 已办结
        """;

    private static DefinitionLoadResult Load(string guide) =>
        Catalog.Loader.Load(Valid.Replace("GUIDE", guide, StringComparison.Ordinal), "sample.yaml");

    [Fact]
    public void Guide_WhenWellFormed_IsReadInFull()
    {
        var result = Load(Guide);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var guide = result.Definition!.Guide!;
        Assert.Equal(new LocalizedText("《中华人民共和国行政许可法》", "Administrative Licensing Law"), Assert.Single(guide.LegalBasis!));
        Assert.Equal("Enterprises of the city", guide.Eligibility!.En);
        Assert.True(guide.Fees!.Free);
        Assert.Equal("政务大道88号", guide.Place!.Address!.Zh);
        Assert.Equal("Window A01", guide.Place.Window!.En);
        Assert.Equal("周六上午延时服务", guide.HoursNote!.Zh);
        Assert.Equal("0000-88661234", guide.ConsultationPhone);
        // Written without quotes, YAML reads 12345 as a number; the guide keeps it as the number one dials.
        Assert.Equal("12345", guide.ComplaintPhone);
        Assert.Equal([ResultDelivery.Electronic, ResultDelivery.Post], guide.Delivery);
        Assert.Equal(0, guide.Visits);
        Assert.Equal("《中华人民共和国市场主体登记管理条例》第十九条", Assert.Single(result.Definition.Node("licence").LegalBasis!).Zh);
    }

    [Fact]
    public void Definition_WithoutGuide_HasNone()
    {
        var result = Load("");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Definition!.Guide);
    }

    [Fact]
    public void Fees_ChargedPerItem_AreReadWithAmountUnitAndBasis()
    {
        var result = Load("""
            guide:
              fees:
                items:
                  - { name: 不动产登记费（住宅）, amount: 80, unit: 元, basis: 发改价格规〔2016〕2559号 }
                  - { name: 工本费, amount: 10.50, unit: 元, basis: 发改价格规〔2016〕2559号 }
            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var items = result.Definition!.Guide!.Fees!.Items!;
        Assert.Equal([80m, 10.50m], items.Select(i => i.Amount!.Value));
        Assert.All(items, i => Assert.Equal("元", i.Unit));
    }

    [Theory]
    [InlineData("guide: { consultationPhone: 'call us' }", "guide.consultationPhone", "格式不正确", "wrong form")]
    [InlineData("guide: { consultationPhone: 88661234 }", "guide.consultationPhone", "区号", "area code")]
    [InlineData("guide: { complaintPhone: '0571-1234' }", "guide.complaintPhone", "格式不正确", "wrong form")]
    [InlineData("guide: { complaintPhone: '0571-12345678-1234567' }", "guide.complaintPhone", "格式不正确", "wrong form")]
    [InlineData("guide: { complaintPhone: '１２３４５' }", "guide.complaintPhone", "格式不正确", "wrong form")]
    [InlineData("guide: { fees: { free: true, items: [ { name: x, amount: 1, unit: 元, basis: y } ] } }", "guide.fees", "不能两者都写", "not both")]
    [InlineData("guide: { fees: { } }", "guide.fees", "free: true", "free: true")]
    [InlineData("guide: { fees: { free: false } }", "guide.fees", "free: true", "free: true")]
    [InlineData("guide: { fees: { items: [ { name: x, amount: -1, unit: 元, basis: y } ] } }", "guide.fees.items[0].amount", "0 至 1000000 元", "0 to 1000000 yuan")]
    [InlineData("guide: { fees: { items: [ { name: x, amount: 0.005, unit: 元, basis: y } ] } }", "guide.fees.items[0].amount", "两位小数", "two decimals")]
    [InlineData("guide: { fees: { items: [ { name: x, amount: 2000000, unit: 元, basis: y } ] } }", "guide.fees.items[0].amount", "1000000", "1000000")]
    [InlineData("guide: { fees: { items: [ { name: x, amount: 10, unit: 美元, basis: y } ] } }", "guide.fees.items[0].unit", "元", "yuan")]
    [InlineData("guide: { fees: { items: [ { name: x, amount: 10, basis: y } ] } }", "guide.fees.items[0]", "unit", "unit")]
    [InlineData("guide: { fees: { items: [ { amount: 10, unit: 元, basis: y } ] } }", "guide.fees.items[0]", "名称 name", "name")]
    [InlineData("guide: { fees: { items: [ { name: x, unit: 元, basis: y } ] } }", "guide.fees.items[0]", "金额 amount", "amount")]
    [InlineData("guide: { fees: { items: [ { name: x, amount: 10, unit: 元 } ] } }", "guide.fees.items[0]", "收费依据 basis", "basis")]
    [InlineData("guide: { fees: { items: [ { name: x, amount: 十元, unit: 元, basis: y } ] } }", "guide.fees.items[0].amount", "数字", "number")]
    [InlineData("guide: { visits: -1 }", "guide.visits", "0 至 5", "0 to 5")]
    [InlineData("guide: { visits: 6 }", "guide.visits", "0 至 5", "0 to 5")]
    [InlineData("guide: { delivery: [fax] }", "guide.delivery[0]", "window, post, electronic", "window, post, electronic")]
    [InlineData("guide: { delivery: [post, post] }", "guide.delivery", "重复", "twice")]
    [InlineData("guide: { delivery: [] }", "guide.delivery", "至少", "at least one")]
    [InlineData("guide: { visits: 0, delivery: [window] }", "guide.delivery", "邮寄", "post or electronic")]
    [InlineData("guide: { legalBasis: [] }", "guide.legalBasis", "空列表", "empty list")]
    [InlineData("guide: { legalBasis: [ '  ' ] }", "guide.legalBasis[0]", "不能为空", "cannot be empty")]
    [InlineData("guide: { legalBasis: [ { zh: 条例, en: '' } ] }", "guide.legalBasis[0].en", "不能为空", "cannot be empty")]
    [InlineData("guide: { legalBasis: 条例 }", "guide.legalBasis", "列表", "list")]
    [InlineData("guide: { eligibility: { en: Anyone } }", "guide.eligibility", "缺少中文 zh", "")]
    [InlineData("guide: { place: { hall: 中心 } }", "guide.place", "地址 address", "address")]
    [InlineData("guide: { place: { address: 路, floor: 1 } }", "guide.place.floor", "未知属性", "Unknown key")]
    [InlineData("guide: { opening: 9-5 }", "guide.opening", "未知属性", "Unknown key")]
    [InlineData("guide: 不收费", "guide", "对象", "object")]
    public void GuideMistake_IsRefused_AtItsKey_InBothLanguages(string guide, string path, string says, string saysEn)
    {
        var result = Load(guide);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Path);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Contains(saysEn, error.MessageEn ?? "", StringComparison.Ordinal);
        Assert.Equal(6, error.Line);
    }

    [Theory]
    [InlineData(21, "guide.legalBasis", "最多 20 条")]
    [InlineData(1, "guide.legalBasis[0]", "超过 200 个字符")]
    public void LegalBasis_IsBounded_InNumberAndLength(int count, string path, string says)
    {
        var citation = count == 1 ? new string('法', 201) : "条例";
        var list = string.Join(", ", Enumerable.Repeat(citation, count));

        var error = Assert.Single(Load($"guide: {{ legalBasis: [ {list} ] }}").Errors);

        Assert.Equal(path, error.Path);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligibility_LongerThanAThousandCharacters_IsRefused()
    {
        var error = Assert.Single(Load($"guide: {{ eligibility: {{ zh: 本市企业, en: {new string('a', 1001)} }} }}").Errors);

        Assert.Equal("guide.eligibility", error.Path);
        Assert.Equal("The text is longer than 1000 characters", error.MessageEn);
    }

    [Fact]
    public void StepLegalBasis_OnAStepNoDepartmentCarriesOut_IsRefused_AtTheStep()
    {
        var yaml = Valid.Replace("GUIDE", "", StringComparison.Ordinal)
            .Replace("message: 已办结", "message: 已办结\n      legalBasis: [ 条例 ]", StringComparison.Ordinal);

        var error = Assert.Single(Catalog.Loader.Load(yaml, "sample.yaml").Errors);

        Assert.Equal("flow.steps[1].legalBasis", error.Path);
        Assert.Equal(21, error.Line);
        Assert.Contains("guide.legalBasis", error.MessageEn, StringComparison.Ordinal);
    }
}
