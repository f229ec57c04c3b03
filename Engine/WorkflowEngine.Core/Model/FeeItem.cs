namespace WorkflowEngine.Core.Model;

/// <summary>One fee of a service: what is charged, how much (a non-negative amount in <see cref="Unit"/>, 元) and on what basis.</summary>
public sealed record FeeItem
{
    /// <summary>The only unit a fee is written in: yuan, to the fen.</summary>
    public const string Yuan = "元";

    public LocalizedText? Name { get; init; }

    public decimal? Amount { get; init; }

    public string? Unit { get; init; }

    /// <summary>收费依据: the pricing document that sets it.</summary>
    public LocalizedText? Basis { get; init; }
}
