using System.Collections.Frozen;
using MassTransit;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Messaging.Configuration;

/// <summary>
/// Keeps a message its receiver gave up on in the database (for an administrator to read and send again), then lets
/// the sender's outbox row go: the message is accounted for, so it is not sent again and again. Used by the error
/// pipe (a consumer failed after its retries, or the body could not be read) and the dead-letter pipe (no consumer).
/// </summary>
public sealed partial class FailedMessageRecorder(IFailedMessageStore store, DeliveryReceipts receipts, TimeProvider time, ILogger<FailedMessageRecorder> logger)
{
    private const int MaxBodyChars = 1024 * 1024;

    private static readonly FrozenDictionary<string, string> ContractNames = MessageJson.ContractTypes
        .ToFrozenDictionary(p => MessageUrn.ForTypeString(p.Value), p => p.Key, StringComparer.OrdinalIgnoreCase);

    public async Task RecordAsync(ReceiveContext context, string error)
    {
        var messageId = context.GetMessageId();
        var queue = context.InputAddress.AbsolutePath.Trim('/').Split('/')[^1];
        var body = context.Body.GetString();
        var type = context.GetMessageTypes().Select(t => ContractNames.GetValueOrDefault(t)).FirstOrDefault(n => n is not null);
        await store.RecordAsync(
            new FailedMessageRecord
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                Queue = queue,
                MessageId = messageId?.ToString(),
                MessageType = type,
                Body = body.Length > MaxBodyChars ? body[..MaxBodyChars] : body,
                Error = error.Length > 4000 ? error[..4000] : error,
                FailedAt = time.GetUtcNow(),
            },
            CancellationToken.None);
        LogRecorded(type ?? "(unknown)", queue, messageId, error);
        if (messageId is { } id)
        {
            receipts.Received([id.ToString()]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{MessageType} {MessageId} from {Queue} failed and was kept for an administrator: {Error}")]
    private partial void LogRecorded(string messageType, string queue, Guid? messageId, string error);
}
