using System.Collections.Frozen;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using WorkflowEngine.Contracts;

namespace WorkflowEngine.Runtime.Outbox;

/// <summary>
/// How contract messages are written into the outbox: camelCase JSON, by contract type name. The relay sends the
/// stored JSON as it is.
/// </summary>
public static class MessageJson
{
    /// <summary>
    /// camelCase, Chinese as characters rather than <c>\uXXXX</c>: the same as the engine's stored JSON
    /// (<c>StoredJson.Web</c> of the core, which the kernel does not reference; a test keeps the two alike).
    /// </summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>The contract types an outbox row may name; the relay refuses a row naming anything else.</summary>
    public static FrozenDictionary<string, Type> ContractTypes { get; } = new[]
    {
        typeof(ExecuteStep), typeof(CancelStep), typeof(StepReceived), typeof(StepClaimed), typeof(StepReleased), typeof(StepCompleted),
        typeof(StepExclusionStarted), typeof(StepExclusionEnded), typeof(StepExclusionEndChanged), typeof(StepExtended), typeof(StepDueChanged), typeof(StepWarningRaised),
        typeof(StepSupplementRequested), typeof(StepSupplemented), typeof(StepEscalated), typeof(StepSupplementRefused),
        typeof(StepMaterialSupplied), typeof(StepCommitmentRefused), typeof(ApplicationFormCorrected),
    }.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static OutboxMessage ToOutbox<T>(T message, string destination, DateTimeOffset now)
        where T : class =>
        new(Guid.CreateVersion7(now), destination, typeof(T).Name, JsonSerializer.Serialize(message, Options), now);
}
