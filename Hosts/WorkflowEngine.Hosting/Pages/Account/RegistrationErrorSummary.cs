namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>What a registration page's error summary lists: the errors by field, and each field's key and element id, in the form's order.</summary>
public sealed record RegistrationErrorSummary(IReadOnlyDictionary<string, string[]> Errors, IReadOnlyList<(string Key, string Id)> Fields);
