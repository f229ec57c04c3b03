using WorkflowEngine.Core.Forms;

namespace WorkflowEngine.Core.Tests;

public sealed class CheckDigitTests
{
    private static readonly DateOnly Today = new(2026, 11, 26);

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("440524188001010014")]
    public void ResidentId_StandardExamples_AreValid(string id) =>
        Assert.True(ResidentIdNumber.TryValidate(id, Today, out var error), error);

    [Theory]
    [InlineData("110105194912310021", "校验位")]
    [InlineData("11010519491331002X", "出生日期")]
    [InlineData("1101051949123100", "18位")]
    [InlineData("01010519491231002X", "行政区划")]
    public void ResidentId_Broken_SaysWhatIsWrong(string id, string expected)
    {
        Assert.False(ResidentIdNumber.TryValidate(id, Today, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000802100433B")]
    public void Uscc_ValidCodes_Pass(string code) =>
        Assert.True(UnifiedSocialCreditCode.TryValidate(code, out var error), error);

    [Theory]
    [InlineData("91350100M000100Y44", "校验位")]
    [InlineData("91350100M000100YI3", "不允许的字符")]
    [InlineData("9135010", "18位")]
    public void Uscc_Broken_SaysWhatIsWrong(string code, string expected)
    {
        Assert.False(UnifiedSocialCreditCode.TryValidate(code, out var error));
        Assert.Contains(expected, error);
    }
}
