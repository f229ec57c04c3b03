namespace WorkflowEngine.Runtime.Ratings;

/// <summary>The ratings of one department or service: how many, and how many were 满意 or better.</summary>
public sealed record Satisfaction(string Key, int Ratings, int Satisfied)
{
    /// <summary>The share of 满意 and better, 0–1.</summary>
    public double Rate => Ratings == 0 ? 0 : (double)Satisfied / Ratings;
}
