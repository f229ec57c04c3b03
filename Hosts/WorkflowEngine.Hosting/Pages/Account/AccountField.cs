namespace WorkflowEngine.Hosting.Pages.Account;

/// <summary>
/// One input of a registration or password-reset form: its key in the errors, element id, form name, label, type and
/// autocomplete, the hint under the label, the value shown again (never a password's), and its errors.
/// </summary>
public sealed record AccountField(
    string Key,
    string Id,
    string Name,
    string Label,
    string Type,
    string Autocomplete,
    string? Hint,
    string? Value,
    int MaxLength,
    bool Required,
    string[] Messages,
    string? InputMode = null);
