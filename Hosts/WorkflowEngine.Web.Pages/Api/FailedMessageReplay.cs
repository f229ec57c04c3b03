using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Hosting.Api;

/// <summary>The rules of sending a failed message again, shared by the failed-messages API and the administrator's page.</summary>
public static class FailedMessageReplay
{
    public const string NotFound = "没有这条失败消息";

    /// <summary>Sends the message again under its own id; the message as it stands after, or why not (null message: not found).</summary>
    public static async Task<(FailedMessageRecord? Message, string? Problem)> ReplayAsync(
        Guid id, string actor, IFailedMessageStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } message)
        {
            return (null, NotFound);
        }

        if (message.MessageType is null)
        {
            return (message, "这条消息的类型不是本系统的消息合同，无法重发");
        }

        if (message.Ignored && !MessageJson.ContractTypes.ContainsKey(message.MessageType))
        {
            // Sent again now, it would only be ignored again: it waits for the release that knows its type.
            return (message, $"本主机的版本还不认识消息类型 {message.MessageType}：升级本主机后再重发");
        }

        return await store.ReplayAsync(id, actor, time.GetUtcNow(), cancellationToken)
            ? ((await store.GetAsync(id, cancellationToken))!, null)
            : (message, "这条消息已经重发过");
    }
}
