using System.Text.RegularExpressions;
using CsCheck;
using WorkflowEngine.Hosting.Pages;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// Working time in the words a citizen uses ("4 小时 30 分钟", "30 minutes"), whatever fraction of an hour a clock has
/// left or is past: no decimal point, no minus sign, the minutes rounded to the nearest, half a minute up.
/// </summary>
public sealed partial class WorkingTimeWordsTests
{
    [Theory]
    [InlineData("0.5", "30 分钟", "30 minutes")]
    [InlineData("-0.5", "30 分钟", "30 minutes")]
    [InlineData("4.5", "4 小时 30 分钟", "4 hours 30 minutes")]
    [InlineData("2", "2 小时", "2 hours")]
    [InlineData("1", "1 小时", "1 hour")]
    [InlineData("1.0166666", "1 小时 1 分钟", "1 hour 1 minute")]
    [InlineData("0.25", "15 分钟", "15 minutes")]
    [InlineData("0", "0 分钟", "0 minutes")]
    [InlineData("0.0083", "0 分钟", "0 minutes")]
    // Half a minute (0.5/60 h = 0.008333…) and a little more round up to a minute; the clocks store hours to many places.
    [InlineData("0.00834", "1 分钟", "1 minute")]
    [InlineData("0.99", "59 分钟", "59 minutes")]
    [InlineData("0.999", "1 小时", "1 hour")]
    [InlineData("21", "21 小时", "21 hours")]
    public void Of_SaysHoursAndMinutes(string hours, string chinese, string english)
    {
        var amount = decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((chinese, english), (WorkingTimeWords.Of(amount, english: false), WorkingTimeWords.Of(amount, english: true)));
    }

    /// <summary>Any amount a clock may hold, up to ten thousand working hours either way, to a ten-thousandth of an hour.</summary>
    private static readonly Gen<decimal> Hours = Gen.Long[-100_000_000, 100_000_000].Select(n => n / 10_000m);

    [Fact]
    public void Of_NeverSaysAFractionOrANegative_AndSaysTheRoundedMinutes()
    {
        Gen.Select(Hours, Gen.Bool).Sample((hours, english) =>
        {
            var words = WorkingTimeWords.Of(hours, english);
            Assert.DoesNotContain(".", words, StringComparison.Ordinal);
            Assert.DoesNotContain("-", words, StringComparison.Ordinal);
            var match = (english ? EnglishWords() : ChineseWords()).Match(words);
            Assert.True(match.Success, $"{hours} h reads \"{words}\"");
            var whole = match.Groups["hours"].Success ? long.Parse(match.Groups["hours"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            var minutes = match.Groups["minutes"].Success ? long.Parse(match.Groups["minutes"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
            Assert.InRange(minutes, 0, 59);
            // "2 小时", not "2 小时 0 分钟"; an empty text is no answer.
            Assert.False(whole > 0 && match.Groups["minutes"].Success && minutes == 0, $"{hours} h reads \"{words}\"");
            Assert.True(match.Groups["hours"].Success || match.Groups["minutes"].Success, $"{hours} h reads \"{words}\"");
            // What the words say is the amount to the nearest minute: never more than half a minute off.
            Assert.InRange(Math.Abs(whole * 60 + minutes - Math.Abs(hours) * 60m), 0m, 0.5m);
        });
    }

    [Fact]
    public void Of_InEnglish_SaysOneHourAndOneMinute_InTheSingular()
    {
        Gen.Long[0, 10_000 * 60].Sample(minutes =>
        {
            var words = WorkingTimeWords.Of(minutes / 60m, english: true);
            Assert.DoesNotMatch(@"(^|\s)1 (hours|minutes)", words);
            Assert.DoesNotMatch(@"(^|\s)([02-9]|\d\d+) (hour|minute)(\s|$)", words);
        });
    }

    [GeneratedRegex(@"^(?:(?<hours>[1-9]\d*) 小时)?(?: ?(?<minutes>\d+) 分钟)?$")]
    private static partial Regex ChineseWords();

    [GeneratedRegex(@"^(?:(?<hours>[1-9]\d*) hours?)?(?: ?(?<minutes>\d+) minutes?)?$")]
    private static partial Regex EnglishWords();
}
