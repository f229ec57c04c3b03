namespace WorkflowEngine.Hosting.Api.Clocks;

/// <summary>Every clock of an application, explained as of <see cref="Now"/>.</summary>
public sealed record ApplicationClocksDto(Guid ApplicationId, string TrackingNumber, string Calendar, DateTimeOffset Now, IReadOnlyList<ClockDto> Clocks);
