using System.Collections.Frozen;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.Logging;
using WorkflowEngine.Contracts;
using WorkflowEngine.Messaging.Consumers;
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

    /// <summary>What every contract's message-type header begins with (<c>urn:message:WorkflowEngine.Contracts:</c>).</summary>
    private static readonly string ContractPrefix = MessageUrn.ForTypeString<ExecuteStep>()[..^nameof(ExecuteStep).Length];

    /// <summary>
    /// The name of the contract type a message claims to be when it is one this host's release does not know, in the
    /// contract version it speaks (version 1: an additive type, which a receiver must acknowledge and ignore); null for
    /// anything else: a type this host knows (on a queue that does not carry it), one outside the contract, or a body
    /// of another contract version or none that can be read.
    /// </summary>
    public static string? AddedLater(ReceiveContext context)
    {
        var types = context.GetMessageTypes();
        if (types.Any(ContractNames.ContainsKey))
        {
            return null;
        }

        var name = types
            .Where(t => t.StartsWith(ContractPrefix, StringComparison.OrdinalIgnoreCase))
            .Select(t => t[ContractPrefix.Length..])
            .FirstOrDefault(n => n.Length > 0 && n.All(char.IsAsciiLetterOrDigit));
        return name is not null && ContractVersionOf(context.Body.GetBytes()) == ContractVersions.Supported ? name : null;
    }

    /// <summary>The body's <c>contractVersion</c> (1 when absent, as the consumers read it); null when the body is not a JSON object.</summary>
    private static int? ContractVersionOf(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (string.Equals(property.Name, "contractVersion", StringComparison.OrdinalIgnoreCase))
                {
                    return property.Value.TryGetInt32(out var version) ? version : null;
                }
            }

            return ContractVersions.Supported;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Keeps the message; with <paramref name="ignoredType"/> (see <see cref="AddedLater"/>) as ignored under that type's
    /// name, not as a failure.
    /// </summary>
    public async Task RecordAsync(ReceiveContext context, string error, string? ignoredType = null)
    {
        var messageId = context.GetMessageId();
        var queue = context.InputAddress.AbsolutePath.Trim('/').Split('/')[^1];
        var body = context.Body.GetString();
        var type = ignoredType ?? context.GetMessageTypes().Select(t => ContractNames.GetValueOrDefault(t)).FirstOrDefault(n => n is not null);
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
                Ignored = ignoredType is not null,
            },
            CancellationToken.None);
        if (ignoredType is not null)
        {
            LogIgnored(ignoredType, queue, messageId);
        }
        else
        {
            LogRecorded(type ?? "(unknown)", queue, messageId, error);
        }

        if (messageId is { } id)
        {
            receipts.Received([id.ToString()]);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{MessageType} {MessageId} from {Queue} failed and was kept for an administrator: {Error}")]
    private partial void LogRecorded(string messageType, string queue, Guid? messageId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{MessageType} {MessageId} from {Queue} is of a type added after this host's release: ignored as the contract's version rule says, and kept to send again after the upgrade")]
    private partial void LogIgnored(string messageType, string queue, Guid? messageId);
}
