namespace WorkflowEngine.Hosting.Identity;

/// <summary>
/// Whether applicants may register themselves here (section <c>Identity:SelfRegistration</c>, the sign-in in use and the
/// SMS channel decide it), and if not, why, in the words the registration page shows.
/// </summary>
public sealed record SelfRegistrationAvailability(bool Open, string? WhyClosedZh = null, string? WhyClosedEn = null)
{
    /// <summary>A host with no applicants' pages (a department host): the sign-in page offers no registration.</summary>
    public static SelfRegistrationAvailability NotOffered { get; } = new(
        false, "本系统不办理申请人注册", "Applicants do not register on this system");

    public string? WhyClosed(bool english) => english ? WhyClosedEn : WhyClosedZh;
}
