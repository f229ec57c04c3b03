namespace WorkflowEngine.Runtime.Applications;

/// <summary>
/// The languages the system speaks to an applicant in unprompted (e-mail, SMS, the links in them): the pages' two, named
/// as their culture cookie names them. Chinese unless the applicant chose English.
/// </summary>
public static class ApplicantLanguages
{
    public const string Chinese = "zh-CN";

    public const string English = "en";

    /// <summary>Every value an application's language may take, in the order they are offered.</summary>
    public static IReadOnlyList<string> All { get; } = [Chinese, English];

    public static bool IsKnown(string? language) => language is Chinese or English;

    /// <summary>The language of a page read in English or in Chinese.</summary>
    public static string Of(bool english) => english ? English : Chinese;
}
