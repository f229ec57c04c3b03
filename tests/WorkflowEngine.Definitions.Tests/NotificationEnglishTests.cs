using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>A notification's text may come in English beside the Chinese, and an English text that says less than nothing is refused.</summary>
public sealed class NotificationEnglishTests
{
    private const string Definition = """
        id: notice-sample
        title: { zh: 通知示例, en: Notice sample }
        timeLimits: { statutory: { workingDays: 3 }, promised: { workingDays: 1 } }
        form:
          - { key: company, label: 企业名称, type: text }
        materials: []
        flow:
          activity: sequence
          steps:
            - id: notify
              activity: notification
              MESSAGE
        """;

    private static DefinitionLoadResult Load(string message) => Catalog.Loader.Load(Definition.Replace("MESSAGE", message, StringComparison.Ordinal), "sample.yaml");

    [Theory]
    [InlineData("message: \"{form.company} 已办结。\"")]
    [InlineData("message: { zh: \"{form.company} 已办结。\", en: \"{form.company} is done.\" }")]
    [InlineData("message: { zh: \"受理编号 {trackingNumber} 已办结。\", en: \"Done.\" }")]
    public void Message_InChineseOrInBoth_Loads(string message)
    {
        var result = Load(message);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Theory]
    [InlineData("message: { zh: \"已办结。\", en: \"\" }", "message.en", "不能为空")]
    [InlineData("message: { zh: \"已办结。\", en: \"{trackingNumber} is done.\" }", "message.en", "{trackingNumber}")]
    [InlineData("message: { en: \"Done.\" }", "message", "")]
    public void Message_WithABrokenEnglishText_IsRefusedAtItsPath(string message, string path, string words)
    {
        var result = Load(message);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.EndsWith(path, error.Path, StringComparison.Ordinal);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
    }
}
