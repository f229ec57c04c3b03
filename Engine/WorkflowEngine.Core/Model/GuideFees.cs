namespace WorkflowEngine.Core.Model;

/// <summary>收费标准: <c>free: true</c> (不收费), or the items charged, each with its amount in 元 and its basis.</summary>
public sealed record GuideFees
{
    public bool Free { get; init; }

    public IReadOnlyList<FeeItem>? Items { get; init; }

    /// <summary>What the applicant should know besides (e.g. the first set of seals is engraved free of charge).</summary>
    public LocalizedText? Note { get; init; }
}
