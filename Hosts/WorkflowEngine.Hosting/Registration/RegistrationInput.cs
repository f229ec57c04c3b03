namespace WorkflowEngine.Hosting.Registration;

/// <summary>What an applicant gives to register: mobile number, optional e-mail, name, and the password twice.</summary>
public sealed record RegistrationInput(string? Mobile, string? Email, string? DisplayName, string? Password, string? Repeat);
