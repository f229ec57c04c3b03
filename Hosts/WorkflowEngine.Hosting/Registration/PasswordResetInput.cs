namespace WorkflowEngine.Hosting.Registration;

/// <summary>What an applicant gives to replace a forgotten password: the number, the code texted to it, and the new password twice.</summary>
public sealed record PasswordResetInput(string? Mobile, string? Code, string? Password, string? Repeat);
