using System.Globalization;

namespace WorkflowEngine.Core.Forms;

/// <summary>The 18-digit citizen identity number of GB 11643-1999: region, birth date, sequence, ISO 7064 MOD 11-2 check.</summary>
public static class ResidentIdNumber
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    /// <summary>The check character the first 17 digits call for.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckChars[sum % 11];
    }

    /// <summary>Validates a number; the error (Chinese) says which part is wrong.</summary>
    public static bool TryValidate(string? value, DateOnly today, out string? error)
    {
        error = null;
        if (value is null || value.Length != 18)
        {
            error = FormMessages.Say("公民身份号码应为18位", "a resident ID number has 18 characters");
            return false;
        }

        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                error = FormMessages.Say("公民身份号码前17位应为数字", "the first 17 characters of a resident ID number are digits");
                return false;
            }
        }

        var last = value[17];
        if (last == 'x')
        {
            // One person, one number: the normaliser writes X, and a lower-case x is not stored beside it.
            error = FormMessages.Say("公民身份号码第18位的 X 应为大写", "the X at the end of a resident ID number is upper case");
            return false;
        }

        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            error = FormMessages.Say("公民身份号码第18位应为数字或X", "the 18th character of a resident ID number is a digit or X");
            return false;
        }

        if (value[0] is < '1' or > '9')
        {
            error = FormMessages.Say("公民身份号码的行政区划代码无效", "the region code of the resident ID number is not valid");
            return false;
        }

        if (!DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth)
            || birth.Year < 1850 || birth > today)
        {
            error = FormMessages.Say("公民身份号码中的出生日期无效", "the date of birth in the resident ID number is not valid");
            return false;
        }

        var expected = CheckCharacter(value.AsSpan(0, 17));
        if (expected != last)
        {
            error = FormMessages.Say("公民身份号码校验位错误", "the check digit of the resident ID number is wrong");
            return false;
        }

        return true;
    }
}
