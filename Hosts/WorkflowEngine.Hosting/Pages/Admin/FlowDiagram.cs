using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using WorkflowEngine.Hosting.Pages.Services;

namespace WorkflowEngine.Hosting.Pages.Admin;

/// <summary>
/// A flow drawn on the server as SVG from its <see cref="FlowPlan"/>: steps in order top to bottom joined by arrows,
/// branches side by side between a fork and a join bar, stages as boxes round their steps, each step with its
/// department, limit and condition in words; the critical path and the bundle's limits stand out. No script: the
/// figure is an image named by its title and described by the page's text (<c>describedBy</c>), and the page lists the
/// same steps in the due-date table beside it.
/// </summary>
public static class FlowDiagram
{
    private const int StepWidth = 196;
    private const int LineHeight = 17;
    private const int Padding = 8;
    private const int Gap = 28;
    private const int SideGap = 14;
    private const int GroupHeader = 24;
    private const int BundleHeight = 58;

    /// <param name="describedBy">The id of the page's element that describes the figure in words, for a screen reader.</param>
    public static IHtmlContent Render(string id, string title, string describedBy, FlowPlan plan)
    {
        var root = Measure(plan.Root);
        var width = Math.Max(root.Width, StepWidth * 2) + 2 * Padding;
        var height = BundleHeight + Gap + root.Height + 2 * Padding;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"flow\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{describedBy}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title>");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\">"
            + "<path d=\"M0,0 L10,5 L0,10 z\" fill=\"#44546a\"></path></marker></defs>");
        DrawBundle(svg, plan, Padding, Padding, width - 2 * Padding);
        var rootX = Padding + (width - 2 * Padding - root.Width) / 2;
        var rootY = Padding + BundleHeight + Gap;
        Arrow(svg, width / 2, Padding + BundleHeight, width / 2, rootY);
        Draw(svg, root, plan, rootX, rootY);
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }

    /// <summary>A part of the flow with the size it takes and its children's layouts.</summary>
    private sealed record Box(PlannedNode Node, int Width, int Height, IReadOnlyList<string> Lines, IReadOnlyList<Box> Children);

    private static Box Measure(PlannedNode node)
    {
        var lines = LinesOf(node);
        var children = node.Children.Select(Measure).ToArray();
        switch (node.Kind)
        {
            case NoticeStepKind.Step:
                return new Box(node, StepWidth, 2 * Padding + lines.Count * LineHeight, lines, children);
            case NoticeStepKind.InParallel or NoticeStepKind.OneOf:
                {
                    var inner = children.Sum(c => c.Width) + SideGap * Math.Max(0, children.Length - 1);
                    var header = Math.Max(1, lines.Count) * LineHeight + Padding;
                    return new Box(node, Math.Max(inner, StepWidth) + 2 * Padding, header + 2 * Gap + Tallest(children) + Padding, lines, children);
                }

            case NoticeStepKind.Stage:
                {
                    var header = lines.Count * LineHeight + Padding;
                    var inner = Column(children);
                    return new Box(node, Math.Max(inner.Width, StepWidth) + 2 * Padding + 4, header + inner.Height + 2 * Padding, lines, children);
                }

            default:
                {
                    var inner = Column(children);
                    return new Box(node, inner.Width, inner.Height, lines, children);
                }
        }
    }

    /// <summary>The height of the tallest branch; a draft may have a group with none yet.</summary>
    private static int Tallest(IReadOnlyList<Box> children) => children.Count == 0 ? 0 : children.Max(c => c.Height);

    private static (int Width, int Height) Column(IReadOnlyList<Box> children) =>
        (children.Count == 0 ? StepWidth : children.Max(c => c.Width), children.Sum(c => c.Height) + Gap * Math.Max(0, children.Count - 1));

    private static List<string> LinesOf(PlannedNode node)
    {
        var lines = new List<string>();
        var heading = node.Kind switch
        {
            NoticeStepKind.InParallel => AdminText.Say("并联办理", "Side by side"),
            NoticeStepKind.OneOf => AdminText.Say("按条件选择其一", "One of, by condition"),
            NoticeStepKind.Stage => AdminText.Say($"阶段：{node.Title}", $"Stage: {node.Title}"),
            NoticeStepKind.InOrder => "",
            _ => node.Title,
        };
        const int width = StepWidth - 2 * Padding;
        lines.AddRange(Wrap(heading, width));
        if (node.Department is { } department)
        {
            lines.AddRange(Wrap(department, width));
        }

        if (node.LimitText is { } limit)
        {
            lines.AddRange(Wrap(AdminText.Say($"时限 {limit}", $"Limit {limit}"), width));
        }
        else if (node.StatutoryLimitText is { } statutory)
        {
            // Held to its statutory limit alone: no promise to show, the law's period instead.
            lines.AddRange(Wrap(AdminText.Say($"法定时限 {statutory}", $"Statutory limit {statutory}"), width));
        }

        if (node.Condition is { } condition)
        {
            lines.AddRange(Wrap(AdminText.Say($"仅当{condition}", $"Only when {condition}"), width));
        }

        return lines;
    }

    private static void Draw(StringBuilder svg, Box box, FlowPlan plan, int x, int y)
    {
        var node = box.Node;
        var critical = plan.Critical.Contains(node.Id) ? " critical" : "";
        switch (node.Kind)
        {
            case NoticeStepKind.Step:
                svg.Append(CultureInfo.InvariantCulture,
                    $"<g class=\"step{critical}\" data-step=\"{Encode(node.Id)}\"><rect x=\"{x}\" y=\"{y}\" width=\"{box.Width}\" height=\"{box.Height}\" rx=\"6\"></rect>");
                Text(svg, box.Lines, x + Padding, y + Padding, boldFirst: true);
                svg.Append("</g>");
                break;
            case NoticeStepKind.InParallel or NoticeStepKind.OneOf:
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<g class=\"group{critical}\"><rect class=\"group-box\" x=\"{x}\" y=\"{y}\" width=\"{box.Width}\" height=\"{box.Height}\" rx=\"8\"></rect>");
                    Text(svg, box.Lines, x + Padding, y + 4, boldFirst: true);
                    var header = Math.Max(1, box.Lines.Count) * LineHeight + Padding;
                    var forkY = y + header;
                    var childrenY = forkY + Gap;
                    var joinY = childrenY + Tallest(box.Children) + Gap / 2;
                    var inner = box.Children.Sum(c => c.Width) + SideGap * Math.Max(0, box.Children.Count - 1);
                    var cx = x + (box.Width - inner) / 2;
                    var centres = new List<int>();
                    foreach (var child in box.Children)
                    {
                        var centre = cx + child.Width / 2;
                        centres.Add(centre);
                        Arrow(svg, centre, forkY, centre, childrenY);
                        Draw(svg, child, plan, cx, childrenY);
                        Line(svg, centre, childrenY + child.Height, centre, joinY);
                        cx += child.Width + SideGap;
                    }

                    if (centres.Count == 0)
                    {
                        svg.Append("</g>");
                        break;
                    }

                    svg.Append(CultureInfo.InvariantCulture,
                        $"<line class=\"bar\" x1=\"{centres.Min()}\" y1=\"{forkY}\" x2=\"{centres.Max()}\" y2=\"{forkY}\"></line>"
                        + $"<line class=\"bar\" x1=\"{centres.Min()}\" y1=\"{joinY}\" x2=\"{centres.Max()}\" y2=\"{joinY}\"></line></g>");
                    break;
                }

            case NoticeStepKind.Stage:
                {
                    svg.Append(CultureInfo.InvariantCulture,
                        $"<g class=\"stage{critical}\" data-step=\"{Encode(node.Id)}\"><rect class=\"stage-box\" x=\"{x}\" y=\"{y}\" width=\"{box.Width}\" height=\"{box.Height}\" rx=\"8\"></rect>");
                    Text(svg, box.Lines, x + Padding, y + 4, boldFirst: true);
                    var header = box.Lines.Count * LineHeight + Padding;
                    DrawColumn(svg, box, plan, x, y + header + Padding);
                    svg.Append("</g>");
                    break;
                }

            default:
                DrawColumn(svg, box, plan, x, y);
                break;
        }
    }

    private static void DrawColumn(StringBuilder svg, Box box, FlowPlan plan, int x, int y)
    {
        var centre = x + box.Width / 2;
        for (var i = 0; i < box.Children.Count; i++)
        {
            var child = box.Children[i];
            if (i > 0)
            {
                Arrow(svg, centre, y - Gap, centre, y);
            }

            Draw(svg, child, plan, centre - child.Width / 2, y);
            y += child.Height + Gap;
        }
    }

    private static void DrawBundle(StringBuilder svg, FlowPlan plan, int x, int y, int width)
    {
        var limits = new List<string>();
        if (plan.PromisedText is { } promised)
        {
            limits.Add(AdminText.Say($"承诺时限 {promised}（{AdminText.Time(plan.PromisedDue)}）", $"Promised {promised} ({AdminText.Time(plan.PromisedDue)})"));
        }

        if (plan.StatutoryText is { } statutory)
        {
            limits.Add(AdminText.Say($"法定时限 {statutory}（{AdminText.Time(plan.StatutoryDue)}）", $"Statutory {statutory} ({AdminText.Time(plan.StatutoryDue)})"));
        }

        var lines = new List<string> { AdminText.Say("一件事总时限：", "The bundle's limit: ") + (limits.Count == 0 ? AdminText.Say("未设定", "none set") : string.Join(AdminText.Say("；", "; "), limits)) };
        lines.Add(AdminText.Say($"关键路径（加粗）各步骤用足时限，最迟 {AdminText.Time(plan.End)} 办结", $"Critical path (bold): every step taking its whole limit ends by {AdminText.Time(plan.End)}")
            + (plan.ExceedsBundle ? AdminText.Say("，超出总时限", ", past the bundle's limit") : ""));
        svg.Append(CultureInfo.InvariantCulture,
            $"<g class=\"bundle{(plan.ExceedsBundle ? " over" : "")}\"><rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{BundleHeight}\" rx=\"6\"></rect>");
        Text(svg, lines, x + Padding, y + 6, boldFirst: true);
        svg.Append("</g>");
    }

    private static void Text(StringBuilder svg, IReadOnlyList<string> lines, int x, int y, bool boldFirst)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            var cls = i == 0 && boldFirst ? " class=\"head\"" : "";
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x}\" y=\"{y + (i + 1) * LineHeight - 4}\"{cls}>{Encode(lines[i])}</text>");
        }
    }

    private static void Arrow(StringBuilder svg, int x1, int y1, int x2, int y2) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"arrow\" x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2 - 1}\" marker-end=\"url(#arrow)\"></line>");

    private static void Line(StringBuilder svg, int x1, int y1, int x2, int y2) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"arrow\" x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\"></line>");

    /// <summary>Breaks a text into lines that fit a width at 13 px: a Chinese character a full em, other characters about half.</summary>
    private static IEnumerable<string> Wrap(string text, int width)
    {
        if (text.Length == 0)
        {
            yield break;
        }

        var line = new StringBuilder();
        var used = 0.0;
        foreach (var c in text)
        {
            var w = c > 0x2E80 ? 13.0 : 7.2;
            if (used + w > width && line.Length > 0)
            {
                yield return line.ToString();
                line.Clear();
                used = 0;
            }

            line.Append(c);
            used += w;
        }

        yield return line.ToString();
    }

    private static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
