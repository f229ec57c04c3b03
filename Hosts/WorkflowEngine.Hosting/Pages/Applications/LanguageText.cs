using System.Globalization;
using WorkflowEngine.Runtime.Applications;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>
/// The words about the language the applicant is written to in (e-mail, SMS): the note on the apply page, the choice at
/// the window's intake and the setting on the progress page, in Chinese and English.
/// </summary>
public sealed record LanguageText
{
    public static LanguageText Chinese { get; } = new()
    {
        ApplyNote = "办理过程中的邮件和短信将以中文发送；提交后可在申请详情页更改。",
        Title = "邮件和短信的语言",
        Intro = "系统主动发给您的邮件和短信使用这一语言，其中的链接也以这一语言打开页面。",
        WalkInIntro = "系统发给申请人的邮件和短信使用这一语言，其中的链接也以这一语言打开页面。",
        Label = "语言",
        IntakeLabel = "申请人接收邮件和短信的语言",
        IntakeHint = "按申请人的意愿选择；申请人以后可在办理进度页更改",
        Save = "保存",
        Saved = "已保存：此后的邮件和短信使用所选语言。",
        Unknown = "请选择“中文”或“English”",
    };

    public static LanguageText English { get; } = new()
    {
        ApplyNote = "E-mails and SMS about this application will be in English; you can change this on the application's page after submitting.",
        Title = "Language of e-mails and SMS",
        Intro = "The e-mails and SMS the system sends you are written in this language, and their links open the pages in it.",
        WalkInIntro = "The e-mails and SMS the system sends the applicant are written in this language, and their links open the pages in it.",
        Label = "Language",
        IntakeLabel = "Language of the applicant's e-mails and SMS",
        IntakeHint = "As the applicant wishes; the applicant can change it later on the progress page",
        Save = "Save",
        Saved = "Saved: e-mails and SMS will be in the chosen language from now on.",
        Unknown = "Choose “中文” (Chinese) or “English”",
    };

    public static LanguageText Current => PageText.IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese;

    /// <summary>A language as its own speakers name it, the same on a Chinese and an English page.</summary>
    public static string NameOf(string language) => language == ApplicantLanguages.English ? "English" : "中文";

    /// <summary>The form field that names the language, on the intake and the progress page.</summary>
    public const string Field = "language";

    /// <summary>The choice's element, which the error summary links to.</summary>
    public const string InputId = "language-choice";

    public required string ApplyNote { get; init; }

    public required string Title { get; init; }

    public required string Intro { get; init; }

    public required string WalkInIntro { get; init; }

    public required string Label { get; init; }

    public required string IntakeLabel { get; init; }

    public required string IntakeHint { get; init; }

    public required string Save { get; init; }

    public required string Saved { get; init; }

    public required string Unknown { get; init; }
}
