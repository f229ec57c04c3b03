using WorkflowEngine.Hosting.Pages.Public;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>The dashboard's charts: an image named by its title, bars in proportion, and names that cannot become markup.</summary>
public sealed class SvgBarChartTests
{
    [Fact]
    public void Render_IsAnImageNamedByItsTitle_WithBarsInProportion()
    {
        var svg = SvgBarChart.Render("rates", "各部门按时办结率", [new("市场监督管理局", 1, "100%"), new("银行", 0.5, "50%")], 1).ToString()!;

        Assert.StartsWith("<svg class=\"chart\"", svg, StringComparison.Ordinal);
        Assert.Contains("role=\"img\" aria-labelledby=\"rates-title\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"rates-title\">", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"336\"", svg, StringComparison.Ordinal);
        Assert.Contains("width=\"168\"", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ANameWithMarkup_IsWrittenAsText()
    {
        var svg = SvgBarChart.Render("x", "<b>title</b>", [new("<script>alert(1)</script>", 2, "\"2\"")], 1).ToString()!;

        Assert.DoesNotContain("<script>", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", svg, StringComparison.Ordinal);
        // A value above the maximum is drawn at full length, never past the chart.
        Assert.Contains("width=\"336\"", svg, StringComparison.Ordinal);
    }
}
