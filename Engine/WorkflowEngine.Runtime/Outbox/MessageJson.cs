using System.Collections.Frozen;
using System.Text.Json;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>
/// How contract messages are written into the outbox: camelCase JSON, by contract type name. The relay sends the
/// stored JSON as it is.
/// </summary>
public static class MessageJson
{
    public static JsonSerializerOptions Options => StoredJson.Web;

    /// <summary>The contract types an outbox row may name; the relay refuses a row naming anything else.</summary>
    public static FrozenDictionary<string, Type> ContractTypes { get; } = new[]
    {
        typeof(ExecuteStep), typeof(CancelStep), typeof(StepReceived), typeof(StepClaimed), typeof(StepCompleted),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static OutboxMessage ToOutbox<T>(T message, string destination, DateTimeOffset now)
        where T : class =>
        new(Guid.CreateVersion7(now), destination, typeof(T).Name, JsonSerializer.Serialize(message, Options), now);
}
