namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>
/// A table of the dashboard's satisfaction (好差评), by department or by service: how many ratings, and the share of
/// 满意 and better. Counts only: no rating, application or person is named.
/// </summary>
public sealed record SatisfactionTable(string Id, string Title, string NameHeader, IReadOnlyList<(string Name, int Ratings, double Rate)> Rows)
{
    /// <summary>The words of the table, in the page's language.</summary>
    public static string Say(string zh, string en) => PageText.Current.IsEnglishText ? en : zh;
}
