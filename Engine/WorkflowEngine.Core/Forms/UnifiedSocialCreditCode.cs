namespace WorkflowEngine.Core.Forms;

/// <summary>The 18-character unified social credit code of GB 32100-2015 (统一社会信用代码).</summary>
public static class UnifiedSocialCreditCode
{
    /// <summary>The 31 characters the code uses: digits and capitals without I, O, S, V, Z.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i], StringComparison.Ordinal) * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    public static bool TryValidate(string? value, out string? error)
    {
        error = null;
        if (value is null || value.Length != 18)
        {
            error = FormMessages.Say("统一社会信用代码应为18位", "a unified social credit code has 18 characters");
            return false;
        }

        foreach (var c in value)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                error = FormMessages.Say(
                    $"统一社会信用代码含有不允许的字符“{c}”（只用数字和除I、O、S、V、Z以外的大写字母）",
                    $"the unified social credit code contains \"{c}\", which is not allowed (only digits and upper-case letters other than I, O, S, V and Z)");
                return false;
            }
        }

        if (CheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            error = FormMessages.Say("统一社会信用代码校验位错误", "the check digit of the unified social credit code is wrong");
            return false;
        }

        return true;
    }
}
