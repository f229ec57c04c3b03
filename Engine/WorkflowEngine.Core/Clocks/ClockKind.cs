using System.Text.Json.Serialization;

namespace WorkflowEngine.Core.Clocks;

/// <summary>What a clock times: one department's step, a stage, or the whole bundle (一件事).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClockKind>))]
public enum ClockKind
{
    Step,
    Stage,
    Bundle,

    /// <summary>
    /// The verification task (事后核查) of a step approved on commitment (告知承诺制): from its dispatch to its decision,
    /// against the commitment's <c>verificationLimit</c>, else the step's own limits. Its id is the step's with
    /// <c>:verify</c> after it.
    /// </summary>
    Verification,
}
