namespace WorkflowEngine.Calendars;

/// <summary>A weekend day worked in exchange for a holiday (调休上班).</summary>
public sealed record MakeUpWorkday(DateOnly Date, string For);
