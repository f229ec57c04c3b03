using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace WorkflowEngine.Hosting.Pages.Public;

/// <summary>
/// A horizontal bar chart drawn on the server as SVG: no script, nothing to download, sharp at any width. Each label
/// stands on its own line above its bar, so that long department names fit a phone's width. The chart is an image
/// named by its title (role="img", &lt;title&gt;); the page gives its figures as a table beside it.
/// </summary>
public static class SvgBarChart
{
    private const int Width = 400;
    private const int RowHeight = 44;
    private const int LabelHeight = 18;
    private const int BarHeight = 16;
    private const int ValueSpace = 64;

    public static IHtmlContent Render(string id, string title, IReadOnlyList<ChartBar> bars, double max)
    {
        var encoder = HtmlEncoder.Default;
        var height = Math.Max(1, bars.Count) * RowHeight + 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{encoder.Encode(title)}</title>");
        var y = 0;
        foreach (var bar in bars)
        {
            var length = max <= 0 ? 0 : Math.Clamp(bar.Value / max, 0, 1) * (Width - ValueSpace);
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + LabelHeight - 4}\">{encoder.Encode(bar.Label)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"0\" y=\"{y + LabelHeight}\" width=\"{length:0.#}\" height=\"{BarHeight}\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{length + 6:0.#}\" y=\"{y + LabelHeight + BarHeight - 3}\">{encoder.Encode(bar.ValueText)}</text>");
            y += RowHeight;
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"0\" y1=\"{LabelHeight}\" x2=\"0\" y2=\"{height}\"></line>");
        svg.Append("</svg>");
        return new HtmlString(svg.ToString());
    }
}
