namespace WorkflowEngine.Hosting.Api.Desk;

/// <summary>
/// What the supervisor's desk page asks of the engine where it runs in the same process (the all-in-one host, an engine
/// host serving departments): a department's open steps on a yellow or red card, read from the engine's clocks, most
/// urgent first. A department host on its own has none, and the page shows the cards its tasks were sent.
/// </summary>
public interface IEngineWarnings
{
    /// <param name="level">Only the steps whose worse card is this colour (<c>yellow</c> or <c>red</c>); null for both.</param>
    Task<IReadOnlyList<WarningDto>> ListAsync(string department, string? level, CancellationToken cancellationToken);
}
