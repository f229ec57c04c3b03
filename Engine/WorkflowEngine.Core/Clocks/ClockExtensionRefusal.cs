namespace WorkflowEngine.Core.Clocks;

/// <summary>
/// Why a request to extend a bundle's or stage's clock, or a decision on one, is refused: in Chinese and in English, and
/// the part of the request at fault where one is (<see cref="Fields"/>), so that a form can show it beside that field.
/// </summary>
public sealed record ClockExtensionRefusal(ClockExtensionRefusalKind Kind, string Zh, string En, string? Field = null)
{
    /// <summary>The parts of a request a refusal may name.</summary>
    public static class Fields
    {
        public const string Stage = "stage";
        public const string Added = "added";
        public const string Reason = "reason";
    }
}
