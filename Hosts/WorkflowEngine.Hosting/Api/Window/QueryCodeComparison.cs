namespace WorkflowEngine.Hosting.Api.Window;

/// <summary>
/// How a query code was compared (<see cref="QueryCodes.Compare"/>): whether it matched, whether it was compared with the
/// stand-in for an unknown number, and whether it was a code at all (hashed; text that cannot be a code is not).
/// </summary>
public readonly record struct QueryCodeComparison(bool Matches, bool AgainstUnknownNumber, bool Hashed);
