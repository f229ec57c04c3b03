namespace WorkflowEngine.Core.Clocks;

/// <summary>Why a request to extend a bundle's or stage's clock, or a decision on one, is refused: in Chinese and in English.</summary>
public sealed record ClockExtensionRefusal(ClockExtensionRefusalKind Kind, string Zh, string En);
