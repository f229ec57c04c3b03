using System.Collections.Frozen;
using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>How contract messages are written into the outbox and read back: camelCase JSON, by contract type name.</summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options => StoredJson.Web;

    /// <summary>The contract types an outbox row may name; nothing else is ever deserialized from it.</summary>
    public static FrozenDictionary<string, Type> ContractTypes { get; } = new[]
    {
        typeof(ExecuteStep), typeof(CancelStep), typeof(StepClaimed), typeof(StepCompleted),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static OutboxMessage ToOutbox<T>(T message, string destination, DateTimeOffset now)
        where T : class =>
        new(Guid.CreateVersion7(now), destination, typeof(T).Name, JsonSerializer.Serialize(message, Options), now);

    public static object FromOutbox(OutboxMessage message) =>
        ContractTypes.TryGetValue(message.MessageType, out var type)
            ? JsonSerializer.Deserialize(message.Body, type, Options) ?? throw new InvalidOperationException("Empty outbox body.")
            : throw new InvalidOperationException($"Outbox row {message.Sequence} names an unknown contract '{message.MessageType}'.");
}
