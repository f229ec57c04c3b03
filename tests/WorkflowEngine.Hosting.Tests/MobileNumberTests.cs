using CsCheck;
using WorkflowEngine.Hosting.Identity;

namespace WorkflowEngine.Hosting.Tests;

/// <summary>
/// A mobile number typed the ways people type it (with +86, 0086 or 86, spaced, dashed, full-width from a Chinese
/// input method) comes out as its 11 digits; anything that is not a mainland mobile number comes out as nothing, never
/// as some other number.
/// </summary>
public sealed class MobileNumberTests
{
    private static readonly Gen<string> Numbers =
        Gen.Select(Gen.Int[3, 9], Gen.Char['0', '9'].Array[9], (second, rest) => $"1{second}{new string(rest)}");

    private static readonly Gen<string> Separators = OneOf("", "", " ", "-", "\u3000", "  ");

    private static Gen<string> OneOf(params string[] choices) => Gen.Int[0, choices.Length - 1].Select(i => choices[i]);

    [Fact]
    public void Normalise_AnyMainlandNumberAsPeopleTypeIt_GivesItsElevenDigits() =>
        Gen.Select(Numbers, OneOf("", "+86", "+86 ", "0086", "86", "86-", "＋86", "+８６ "), Separators.Array[11], Gen.Bool)
            .Sample((number, prefix, gaps, fullWidth) =>
            {
                var typed = prefix + string.Concat(number.Select((d, i) => gaps[i] + (fullWidth ? (char)(d + 0xFEE0) : d)));
                Assert.Equal(number, MobileNumber.Normalise(typed));
            });

    [Fact]
    public void Normalise_AnyText_GivesNothingOrAMainlandMobileNumber() =>
        Gen.OneOf(Gen.String, Gen.Char["0123456789 +-８"].Array[0, 20].Select(c => new string(c))).Sample(text =>
        {
            var normal = MobileNumber.Normalise(text);
            Assert.True(normal is null || (normal.Length == 11 && normal[0] == '1' && normal[1] is >= '3' and <= '9' && normal.All(char.IsAsciiDigit)), normal);
        });

    [Fact]
    public void Normalise_DigitsNotAMobileNumber_GiveNothing() =>
        Gen.Select(Numbers, Gen.Int[0, 5]).Sample((number, how) =>
        {
            var broken = how switch
            {
                0 => number[..10], // a digit short
                1 => number + "8", // a digit over
                2 => "2" + number[1..], // not a mobile number (a landline's first digit)
                3 => "1" + (char)('0' + (number[1] - '0') % 3) + number[2..], // 10x, 11x, 12x are no mobile networks
                4 => "+1" + number, // another country
                _ => number[..5] + "a" + number[6..], // a letter
            };
            Assert.Null(MobileNumber.Normalise(broken));
        });

    [Theory]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("+8613800138000", "13800138000")]
    [InlineData("138 0013 8000", "13800138000")]
    [InlineData("138001380000", null)]
    [InlineData("+013800138000", null)]
    [InlineData("138+00138000", null)]
    [InlineData("010-12345678", null)]
    [InlineData("", null)]
    [InlineData("13800138000\n", null)]
    public void Normalise_Examples(string typed, string? expected) => Assert.Equal(expected, MobileNumber.Normalise(typed));

    [Fact]
    public void Masked_HidesTheMiddleFourDigits() => Assert.Equal("138****8000", MobileNumber.Masked("13800138000"));
}
