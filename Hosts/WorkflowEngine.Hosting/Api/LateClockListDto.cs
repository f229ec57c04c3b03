namespace WorkflowEngine.Hosting.Api;

/// <summary>
/// A page of the late bundles and stages (<see cref="LateClocks"/>): <see cref="Total"/> clocks on a card at
/// <see cref="AsOf"/> match the filters, <see cref="Items"/> are <see cref="Limit"/> of them from <see cref="Offset"/>.
/// </summary>
public sealed record LateClockListDto(int Total, int Offset, int Limit, DateTimeOffset AsOf, IReadOnlyList<LateClockDto> Items);
