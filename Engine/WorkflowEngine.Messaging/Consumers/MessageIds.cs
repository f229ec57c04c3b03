using MassTransit;

namespace WorkflowEngine.Messaging.Consumers;

/// <summary>The id the inbox de-duplicates by.</summary>
internal static class MessageIds
{
    public static string Of(ConsumeContext context) =>
        context.MessageId?.ToString() ?? throw new InvalidMessageException("消息缺少 MessageId，无法去重，不予处理");
}
