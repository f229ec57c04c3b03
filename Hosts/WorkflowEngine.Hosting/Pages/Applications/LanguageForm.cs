namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The language setting on the progress page: the application's language now, whether window staff set it for a walk-in
/// citizen, whether it was just saved, and the choice's errors.
/// </summary>
public sealed record LanguageForm(string Language, bool ForWalkIn, bool Saved, IReadOnlyList<string> Errors);
