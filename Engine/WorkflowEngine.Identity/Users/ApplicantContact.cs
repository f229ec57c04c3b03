namespace WorkflowEngine.Runtime.Users;

/// <summary>What a self-registered applicant proved (the mobile number, by a texted code) and gave (an e-mail, or none).</summary>
public sealed record ApplicantContact(string Mobile, string? Email);
