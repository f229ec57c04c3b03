using System.Globalization;

namespace WorkflowEngine.Hosting.Pages.Applications;

/// <summary>The words of the rating (好差评) on the progress page, in Chinese and English.</summary>
public sealed record RatingWords
{
    public static RatingWords Chinese { get; } = new()
    {
        Title = "评价本次办理（好差评）",
        Intro = "申请已办结，请对本次办理作出评价。每件申请只能评价一次，提交后不能修改。",
        Level = "您对本次办理是否满意？",
        Levels = ["非常不满意", "不满意", "基本满意", "满意", "非常满意"],
        Comment = "评价内容（选填）",
        CommentHint = "不超过 500 字",
        Reason = "不满意的原因（选“不满意”或“非常不满意”时必填）",
        ReasonHint = "请写明哪里不满意，管理部门将据此整改；不超过 500 字",
        Submit = "提交评价",
        YourRating = "您的评价",
        Rated = "感谢您的评价。",
        ReasonLabel = "不满意的原因：",
        FollowUp = "整改情况：",
        AwaitingFollowUp = "已转管理部门整改，整改情况将在此显示。",
        StepsTitle = "分别评价各部门的办理（一事一评，选填）",
        StepsIntro = "您可以对下列每个已办结的环节单独评价；单独评价计入该部门的满意率，未单独评价的部门按上面的总体评价计。",
        NoStepRating = "不单独评价",
        StepReason = "对该环节不满意的原因（选“不满意”或“非常不满意”时必填）",
        StepRatingsGiven = "各部门的评价",
        LaterStepsTitle = "评价尚未单独评价的环节（一事一评）",
        LaterStepsIntro = "下列环节已办结，您还没有单独评价。每个环节只能评价一次，提交后不能修改；单独评价计入该部门的满意率。",
        SubmitSteps = "提交环节评价",
        StepNowIntro = "该环节已办结，您现在就可以评价，不必等整件申请办结；每个环节只能评价一次，提交后不能修改，计入该部门的满意率。",
        StepLevelFormat = "您对“{0}”的办理是否满意？",
        SubmitStep = "提交该环节的评价",
        StepRatedFormat = "您对该环节的评价：{0}",
        OverallLater = "整件申请办结后，可以在这里对本次办理作出总体评价。",
        Colon = "：",
    };

    public static RatingWords English { get; } = new()
    {
        Title = "Rate this service",
        Intro = "The application has been decided: please tell us how it went. Each application is rated once; a rating cannot be changed.",
        Level = "How satisfied are you with how it was handled?",
        Levels = ["Very dissatisfied", "Dissatisfied", "Fairly satisfied", "Satisfied", "Very satisfied"],
        Comment = "Comment (optional)",
        CommentHint = "Up to 500 characters",
        Reason = "Why you are dissatisfied (required for dissatisfied or very dissatisfied)",
        ReasonHint = "Say what went wrong, so that it can be put right; up to 500 characters",
        Submit = "Send the rating",
        YourRating = "Your rating",
        Rated = "Thank you for your rating.",
        ReasonLabel = "Why dissatisfied: ",
        FollowUp = "What was done about it: ",
        AwaitingFollowUp = "Passed to the administration to put right; what was done will show here.",
        StepsTitle = "Rate each department's part (optional)",
        StepsIntro = "You may also rate each decided step below on its own: such a rating counts for that department's satisfaction; a department you do not rate on its own is counted by your overall rating above.",
        NoStepRating = "No separate rating",
        StepReason = "Why you are dissatisfied with this step (required for dissatisfied or very dissatisfied)",
        StepRatingsGiven = "Your ratings of each department",
        LaterStepsTitle = "Rate the steps you have not rated yet",
        LaterStepsIntro = "These steps have been decided and you have not rated them on their own. Each step is rated once and a rating cannot be changed; it counts for that department's satisfaction.",
        SubmitSteps = "Send the step ratings",
        StepNowIntro = "This step has been decided: you may rate it now, without waiting for the whole application. Each step is rated once and a rating cannot be changed; it counts for that department's satisfaction.",
        StepLevelFormat = "How satisfied are you with how “{0}” was handled?",
        SubmitStep = "Send the rating of this step",
        StepRatedFormat = "Your rating of this step: {0}",
        OverallLater = "Once the whole application has been decided, you can rate it as a whole here.",
        Colon = ": ",
    };

    public static RatingWords Current => PageText.IsEnglish(CultureInfo.CurrentUICulture) ? English : Chinese;

    public required string Title { get; init; }

    public required string Intro { get; init; }

    public required string Level { get; init; }

    /// <summary>The five levels' names, level 1 first.</summary>
    public required IReadOnlyList<string> Levels { get; init; }

    public required string Comment { get; init; }

    public required string CommentHint { get; init; }

    public required string Reason { get; init; }

    public required string ReasonHint { get; init; }

    public required string Submit { get; init; }

    public required string YourRating { get; init; }

    public required string Rated { get; init; }

    public required string ReasonLabel { get; init; }

    public required string FollowUp { get; init; }

    public required string AwaitingFollowUp { get; init; }

    public required string StepsTitle { get; init; }

    public required string StepsIntro { get; init; }

    /// <summary>The choice that leaves a step without a rating of its own.</summary>
    public required string NoStepRating { get; init; }

    public required string StepReason { get; init; }

    public required string StepRatingsGiven { get; init; }

    /// <summary>The heading of the decided steps still to rate once the application is rated.</summary>
    public required string LaterStepsTitle { get; init; }

    public required string LaterStepsIntro { get; init; }

    /// <summary>The button that sends the steps' ratings alone.</summary>
    public required string SubmitSteps { get; init; }

    /// <summary>Beside a decided step's rating on the timeline while the application runs (一事一评 at once).</summary>
    public required string StepNowIntro { get; init; }

    /// <summary>The question of a step's rating on the timeline; {0} is the step's name.</summary>
    public required string StepLevelFormat { get; init; }

    /// <summary>The button that sends one step's rating from its timeline entry.</summary>
    public required string SubmitStep { get; init; }

    /// <summary>On a rated step's timeline entry; {0} is the level's name.</summary>
    public required string StepRatedFormat { get; init; }

    /// <summary>Where the overall rating will be, while the application runs and steps are rated.</summary>
    public required string OverallLater { get; init; }

    /// <summary>Between a name and what follows it.</summary>
    public required string Colon { get; init; }

    /// <summary>A step's name in its row: the department, then the step.</summary>
    public static string StepName(string? department, string title) => department is null ? title : $"{department} · {title}";

    /// <summary>A level's name.</summary>
    public string LevelName(int level) => Levels[Math.Clamp(level, 1, Levels.Count) - 1];
}
