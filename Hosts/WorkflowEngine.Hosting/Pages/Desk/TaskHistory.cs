using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Runtime.Departments;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// A task's history (办理记录) in the page's language, oldest first: its dispatch, every event its department kept
/// (claims, releases, reassignments, supplement rounds, excluded periods, the decision) and its requests for more time
/// with their answers. A task from before its department kept events shows what its own fields still say.
/// </summary>
public static class TaskHistory
{
    public static IReadOnlyList<(DateTimeOffset At, string Text)> Of(TaskView view)
    {
        var task = view.Task;
        var lines = new List<(DateTimeOffset At, string Text)> { (task.DispatchedAt, DeskText.Say("派发到本部门", "Sent to the department")) };
        lines.AddRange(view.History.Count > 0 ? view.History.Select(e => (e.At, Line(e))) : FromFields(task));
        foreach (var extension in view.Extensions)
        {
            lines.Add((extension.RequestedAt, DeskText.Say(
                $"{extension.RequestedBy} 申请延长 {DeskText.Amount(extension)}：{extension.Reason}",
                $"{extension.RequestedBy} asked for {DeskText.Amount(extension)} more: {extension.Reason}")));
            if (extension.DecidedAt is { } decided)
            {
                lines.Add((decided, DeskText.Say(
                    $"{extension.DecidedBy} 对延期申请的决定：{DeskText.ExtensionStatus(extension.Status)}",
                    $"{extension.DecidedBy} answered the request for more time: {DeskText.ExtensionStatus(extension.Status)}")
                    + (extension.Decision is { Length: > 0 } why ? $"（{why}）" : "")));
            }
        }

        // Stable: events of one instant keep the order they happened in.
        return lines.OrderBy(l => l.At).ToArray();
    }

    private static string Line(TaskEvent e)
    {
        var actor = e.Actor ?? "";
        var (code, words) = e.Parts();
        return e.Kind switch
        {
            TaskEventKinds.Claimed => DeskText.Say($"{actor} 认领", $"Claimed by {actor}"),
            TaskEventKinds.Released when e.Detail is { } holder && holder != actor =>
                DeskText.Say($"{actor} 退回部门队列（原由 {holder} 办理）", $"Given back to the queue by {actor} (held by {holder})"),
            TaskEventKinds.Released => DeskText.Say($"{actor} 退回部门队列", $"Given back to the queue by {actor}"),
            TaskEventKinds.Reassigned => DeskText.Say($"{actor} 改派：{e.Detail}", $"Reassigned by {actor}: {e.Detail}"),
            TaskEventKinds.SupplementRequested => DeskText.Say($"{actor} 要求申请人补正材料：{e.Detail}", $"{actor} asked the applicant for more: {e.Detail}"),
            TaskEventKinds.SupplementSupplied => DeskText.Say("申请人已补齐材料", "The applicant supplied every item"),
            TaskEventKinds.ExclusionStarted => DeskText.Say(
                $"{actor} 登记不计时期间（{DeskText.ExclusionKind(code)}）：{words}", $"{actor} recorded a period the limit does not count ({DeskText.ExclusionKind(code)}): {words}"),
            TaskEventKinds.ExclusionEnded => DeskText.Say($"{actor} 结束不计时期间", $"{actor} ended the period the limit does not count"),
            TaskEventKinds.Decided => DeskText.Say($"{actor} 办结：{DeskText.Outcome(code)}", $"Decided by {actor}: {DeskText.Outcome(code)}")
                + (words is { Length: > 0 } ? $"（{words}）" : ""),
            _ => $"{e.Kind} {actor} {e.Detail}".TrimEnd(),
        };
    }

    private static IEnumerable<(DateTimeOffset At, string Text)> FromFields(TaskRecord task)
    {
        if (task.SupplementRequestedAt is { } asked)
        {
            yield return (asked, DeskText.Say("要求申请人补正材料", "Supplementary material asked of the applicant"));
        }

        if (task.SupplementSuppliedAt is { } supplied)
        {
            yield return (supplied, DeskText.Say("申请人已补齐材料", "The applicant supplied every item"));
        }

        if (task.ClaimedAt is { } claimed && task.ClaimedBy is { } by)
        {
            yield return (claimed, DeskText.Say($"{by} 认领", $"Claimed by {by}"));
        }

        if (task.CompletedAt is { } completed)
        {
            yield return (completed, DeskText.Say($"{task.CompletedBy} 办结：{DeskText.Outcome(task.Outcome)}", $"Decided by {task.CompletedBy}: {DeskText.Outcome(task.Outcome)}"));
        }
    }
}
