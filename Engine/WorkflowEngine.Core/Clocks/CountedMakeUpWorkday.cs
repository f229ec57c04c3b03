namespace WorkflowEngine.Core.Clocks;

/// <summary>A weekend day worked in exchange for a holiday (调休上班) that counted towards the limit.</summary>
public sealed record CountedMakeUpWorkday(DateOnly Date, string For, TimeSpan OfficeTime);
