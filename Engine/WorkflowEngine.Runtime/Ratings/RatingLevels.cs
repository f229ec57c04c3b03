using WorkflowEngine.Core.Forms;

namespace WorkflowEngine.Runtime.Ratings;

/// <summary>
/// The five levels of the national government-service rating (政务服务好差评): 5 非常满意 down to 1 非常不满意. The two
/// lowest are a bad rating (差评): the applicant says why, and an administrator follows it up (差评整改).
/// </summary>
public static class RatingLevels
{
    public const int Lowest = 1;

    public const int Highest = 5;

    /// <summary>满意 and better: what the satisfaction rate counts.</summary>
    public const int Satisfied = 4;

    /// <summary>Whether a rating at <paramref name="level"/> is a bad one (不满意 or 非常不满意), which needs a reason and a follow-up.</summary>
    public static bool IsBad(int level) => level <= 2;

    /// <summary>The level as the scheme names it, in the current language of <see cref="FormMessages"/>.</summary>
    public static string Name(int level) => level switch
    {
        5 => FormMessages.Say("非常满意", "Very satisfied"),
        4 => FormMessages.Say("满意", "Satisfied"),
        3 => FormMessages.Say("基本满意", "Fairly satisfied"),
        2 => FormMessages.Say("不满意", "Dissatisfied"),
        _ => FormMessages.Say("非常不满意", "Very dissatisfied"),
    };
}
