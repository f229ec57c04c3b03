using System.Text.Json;
using CsCheck;
using WorkflowEngine.Contracts;
using WorkflowEngine.Core.Execution;
using WorkflowEngine.Runtime.Outbox;

namespace WorkflowEngine.Runtime.Tests;

/// <summary>
/// The delivery kernel writes messages with JSON options of its own (it does not reference the core); the engine
/// stores records with the core's. The two must write the same JSON, or a department host and the engine would write
/// the same message differently.
/// </summary>
public sealed class MessageJsonTests
{
    [Fact]
    public void KernelAndCore_WriteAnyMessageAlike() =>
        Gen.Select(Gen.String, Gen.String, Gen.Int[1, 9])
            .Sample((reason, by, attempt) =>
            {
                var message = new StepCompleted
                {
                    ContractVersion = 1, ApplicationId = Guid.Empty, StepId = "seal-engraving", Attempt = attempt, Department = "PSB", Outcome = "rejected",
                    Reason = reason, CompletedBy = by, CompletedAt = DateTimeOffset.UnixEpoch, DueAt = DateTimeOffset.UnixEpoch, OnTime = true,
                };
                Assert.Equal(JsonSerializer.Serialize(message, StoredJson.Web), JsonSerializer.Serialize(message, MessageJson.Options));
            });

    [Fact]
    public void Chinese_IsWrittenAsCharacters() =>
        Assert.Contains("企业名称重名", JsonSerializer.Serialize(new { reason = "企业名称重名" }, MessageJson.Options), StringComparison.Ordinal);
}
