using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Html;
using WorkflowEngine.Contracts;
using WorkflowEngine.Hosting.Api.Desk;
using WorkflowEngine.Runtime.Departments;
using WorkflowEngine.Runtime.Users;

namespace WorkflowEngine.Hosting.Pages.Desk;

/// <summary>
/// A task's history (<see cref="TaskHistoryEntry.Of"/>) in the page's language, oldest first, with the people by the names
/// the user directory keeps (<see cref="TaskView.Names"/>), not their login ids.
/// </summary>
public static class TaskHistory
{
    public static IReadOnlyList<(DateTimeOffset At, IHtmlContent Text)> Of(TaskView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var labels = DeskFormLabels.Of(view.Application);
        var materials = view.Application["materials"] as JsonArray;
        return [.. TaskHistoryEntry.Of(view).Select(e => (e.At, Line(e, view.Names, labels, materials)))];
    }

    /// <summary>The page's words for what happened, with what a person wrote as they wrote it (<see cref="DeskText.Said"/>).</summary>
    private static IHtmlContent Line(TaskHistoryEntry e, UserNames names, (string Key, string Name, JsonArray? Options)[] labels, JsonArray? materials)
    {
        var actor = names.Of(e.Actor) ?? "";
        var moved = e.PeopleInDetail.Select(names.Of).ToArray();
        string?[] people = [actor, .. moved];

        // The page's words with the people in them by name, then (where given) what a person wrote, with the brackets around it.
        IHtmlContent Text(string words, (string Open, string Said, string Close)? said = null)
        {
            var line = new HtmlContentBuilder().AppendHtml(SharedText.WithNames(words, people));
            return said is { } s ? line.Append(s.Open).AppendHtml(SharedText.Said(s.Said)).Append(s.Close) : line;
        }

        return e.Kind switch
        {
            TaskHistoryEntry.Dispatched => Text(DeskText.Say("派发到本部门", "Sent to the department")),
            TaskHistoryEntry.FormCorrected => Text(DeskText.Say(
                $"申请人更正了申请表：{Fields(e.Detail, labels, "、")}", $"The applicant corrected the application form: {Fields(e.Detail, labels, ", ")}")),
            TaskHistoryEntry.ExtensionRequested when e.Extension is { } extension => Text(DeskText.Say(
                $"{actor} 申请延长 {DeskText.Amount(extension)}：",
                $"{actor} asked for {DeskText.Amount(extension)} more: "), ("", e.Reason ?? "", "")),
            TaskHistoryEntry.ExtensionDecided when e.Extension is { } extension => Text(DeskText.Say(
                $"{actor} 对延期申请的决定：{DeskText.ExtensionStatus(extension.Status)}",
                $"{actor} answered the request for more time: {DeskText.ExtensionStatus(extension.Status)}"), Bracketed(e.Reason)),
            TaskEventKinds.Claimed => Text(DeskText.Say($"{actor} 认领", $"Claimed by {actor}")),
            TaskEventKinds.Released when e.Detail is { Length: > 0 } holder && holder != e.Actor =>
                Text(DeskText.Say($"{actor} 退回部门队列（原由 {moved[0]} 办理）", $"Given back to the queue by {actor} (held by {moved[0]})")),
            TaskEventKinds.Released => Text(DeskText.Say($"{actor} 退回部门队列", $"Given back to the queue by {actor}")),
            TaskEventKinds.Reassigned when moved is [var from, var to] =>
                Text(DeskText.Say($"{actor} 改派：由 {from} 改由 {to} 办理", $"Reassigned by {actor} from {from} to {to}")),
            TaskEventKinds.Reassigned when moved is [var to] => Text(DeskText.Say($"{actor} 改派给 {to}", $"Reassigned by {actor} to {to}")),
            TaskEventKinds.Reassigned => Text(DeskText.Say($"{actor} 改派", $"Reassigned by {actor}")),
            // A task from before its department kept events knows when, not who or what.
            TaskEventKinds.SupplementRequested when e.Actor is null => Text(DeskText.Say("要求申请人补正材料", "Supplementary material asked of the applicant")),
            TaskEventKinds.SupplementRequested => Text(DeskText.Say($"{actor} 要求申请人补正材料：", $"{actor} asked the applicant for more: "), ("", e.Detail ?? "", "")),
            TaskEventKinds.SupplementSupplied when e.Detail is { Length: > 0 } versions => Text(DeskText.Say(
                $"申请人已补齐材料：{Versions(versions, materials, "、")}", $"The applicant supplied every item: {Versions(versions, materials, ", ")}")),
            TaskEventKinds.SupplementSupplied => Text(DeskText.Say("申请人已补齐材料", "The applicant supplied every item")),
            TaskEventKinds.ExclusionStarted => Text(DeskText.Say(
                $"{actor} 登记不计时期间（{DeskText.ExclusionKind(e.Detail ?? "")}）：",
                $"{actor} recorded a period the limit does not count ({DeskText.ExclusionKind(e.Detail ?? "")}): "), ("", e.Reason ?? "", "")),
            TaskEventKinds.ExclusionEnded => Text(DeskText.Say($"{actor} 结束不计时期间", $"{actor} ended the period the limit does not count")),
            TaskEventKinds.ExclusionEndChanged => Text(DeskText.Say(
                $"{actor} 将不计时期间的预计结束时间改为 {EndOf(e.Detail)}", $"{actor} set the expected end of the period the limit does not count to {EndOf(e.Detail)}")),
            TaskEventKinds.Decided => Text(DeskText.Say($"{actor} 办结：{DeskText.Outcome(e.Detail)}", $"Decided by {actor}: {DeskText.Outcome(e.Detail)}"), Bracketed(e.Reason)),
            _ => Text($"{e.Kind} {actor} {e.DetailNamed(names) ?? e.Detail}".TrimEnd()),
        };
    }

    /// <summary>The fields a correction changed (keys, comma-separated) by their labels; a field the step carries no label for, by its key.</summary>
    private static string Fields(string? keys, (string Key, string Name, JsonArray? Options)[] labels, string separator) =>
        string.Join(separator, (keys ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(k => labels.FirstOrDefault(l => l.Key == k).Name ?? k));

    /// <summary>
    /// The material versions a supplement brought (<c>key@v2</c>, comma-separated) by the materials' names in the page's
    /// language ("公司章程 第 2 版"); a material the step does not list, by its key.
    /// </summary>
    private static string Versions(string versions, JsonArray? materials, string separator) =>
        string.Join(separator, versions.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v =>
        {
            var isLabel = MaterialVersionLabel.TryParse(v, out var key, out var version);
            var name = materials?.OfType<JsonObject>().FirstOrDefault(m => m["key"]?.GetValue<string>() == key) is { } material ? DeskText.MaterialName(material) ?? key : key;
            return isLabel ? DeskText.Say($"{name} 第 {version} 版", $"{name} (version {version})") : name;
        }));

    /// <summary>A person's words in brackets after the page's (a decision's reason, a supervisor's comment); none when they wrote none.</summary>
    private static (string, string, string)? Bracketed(string? said) => said is { Length: > 0 } ? (DeskText.Say("（", " ("), said, DeskText.Say("）", ")")) : null;

    /// <summary>An end kept as ISO 8601 in an event's detail, in Shanghai time; as stored where it does not read.</summary>
    private static string EndOf(string? detail) =>
        DateTimeOffset.TryParse(detail, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at)
            ? DeskText.Time(at)
            : detail ?? "";
}
