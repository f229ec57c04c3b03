using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Pages.Window;

/// <summary>The window pages' words, Chinese and English side by side where they are used, and how the receipt masks an ID.</summary>
public static class WindowText
{
    public static string Say(string zh, string en) => PageText.Current.IsEnglishText ? en : zh;

    /// <summary>The applicant fields' names as posted (<c>applicant.&lt;field&gt;</c>, the API's error keys), and their controls' ids (<c>a-&lt;field&gt;</c>).</summary>
    public const string ApplicantPrefix = "applicant.";

    /// <summary>The name of an identity document type.</summary>
    public static string IdTypeName(string idType) => idType switch
    {
        WalkInIntake.ResidentId => Say("居民身份证", "Resident identity card (居民身份证)"),
        WalkInIntake.Uscc => Say("统一社会信用代码", "Unified social credit code (统一社会信用代码)"),
        _ => idType,
    };

    /// <summary>
    /// An identity number as a printed receipt shows it: the first six and the last four characters, the rest as
    /// asterisks, so that a receipt left on a counter does not give the whole number away.
    /// </summary>
    public static string Masked(string idNumber) =>
        idNumber.Length <= 10 ? new string('*', idNumber.Length) : idNumber[..6] + new string('*', idNumber.Length - 10) + idNumber[^4..];
}
