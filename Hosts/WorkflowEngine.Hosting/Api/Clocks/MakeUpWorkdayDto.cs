namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>A weekend day worked for a holiday (调休上班) that counted, with the office hours it gave.</summary>
public sealed record MakeUpWorkdayDto(DateOnly Date, string For, decimal Hours);
