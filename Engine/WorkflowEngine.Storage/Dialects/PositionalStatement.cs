using System.Text;

namespace WorkflowEngine.Persistence.Dialects;

/// <summary>
/// A statement's text with its <c>@name</c> parameters written as PostgreSQL's own <c>$1, $2, …</c>, and which of the
/// command's parameters each number takes. Npgsql parses the text of every statement whose parameters are named, on
/// every execution, to do this same rewrite (a tenth of an engine host's CPU under load, nearly all of it for the
/// group commit's statements); statements sent with unnamed parameters in this form it passes on as they are. Written
/// once per <see cref="BatchCommand{T}"/>, since its text never changes.
/// </summary>
/// <param name="Sql">The text with <c>$n</c> in place of each <c>@name</c>.</param>
/// <param name="Order">For <c>$1</c>, <c>$2</c>, …, the index of the command's parameter that gives its value.</param>
internal sealed record PositionalStatement(string Sql, int[] Order)
{
    /// <summary>
    /// The positional form of <paramref name="sql"/>, or null where this simple reading cannot be sure to find exactly
    /// the parameters Npgsql would (a dollar-quoted or escape string, a backslash, a <c>:name</c>, several statements, a
    /// name the command does not have): the statement is then sent named, as before.
    /// </summary>
    public static PositionalStatement? Of(string sql, IReadOnlyList<string> names)
    {
        if (sql.Contains('$', StringComparison.Ordinal) || sql.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        var text = new StringBuilder(sql.Length);
        var order = new List<int>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                // A literal or a quoted identifier, copied as it is; a doubled quote inside is part of it.
                if ((c == '\'' && i > 0 && sql[i - 1] is 'E' or 'e' && (i == 1 || !IsNameChar(sql[i - 2]))) || Closing(sql, i, c) is not { } end)
                {
                    return null;
                }

                text.Append(sql, i, end + 1 - i);
                i = end + 1;
            }
            else if (c == '-' && At(sql, i + 1, '-'))
            {
                var end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                text.Append(sql, i, end - i);
                i = end;
            }
            else if (c == '/' && At(sql, i + 1, '*'))
            {
                var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
                if (end < 0 || sql.IndexOf("/*", i + 2, end - i - 2, StringComparison.Ordinal) >= 0)
                {
                    return null;
                }

                text.Append(sql, i, end + 2 - i);
                i = end + 2;
            }
            else if (c == ';')
            {
                // Only trailing blanks may follow: Npgsql sends a text of several statements named, split by its parser.
                if (!string.IsNullOrWhiteSpace(sql[(i + 1)..]))
                {
                    return null;
                }

                text.Append(sql, i, sql.Length - i);
                i = sql.Length;
            }
            else if (c == ':' && i + 1 < sql.Length && IsNameStart(sql[i + 1]) && (i == 0 || sql[i - 1] != ':'))
            {
                return null;
            }
            else if (c == '@' && i + 1 < sql.Length && IsNameStart(sql[i + 1]))
            {
                var end = i + 1;
                while (end < sql.Length && IsNameChar(sql[end]))
                {
                    end++;
                }

                if ((end < sql.Length && (sql[end] == '.' || char.IsLetterOrDigit(sql[end]))) || (i > 0 && (IsNameChar(sql[i - 1]) || sql[i - 1] == '@')))
                {
                    return null;
                }

                var index = IndexOf(names, sql.AsSpan(i + 1, end - i - 1));
                if (index < 0)
                {
                    return null;
                }

                var position = order.IndexOf(index);
                if (position < 0)
                {
                    order.Add(index);
                    position = order.Count - 1;
                }

                text.Append('$').Append(position + 1);
                i = end;
            }
            else
            {
                text.Append(c);
                i++;
            }
        }

        return order.Count == 0 ? null : new PositionalStatement(text.ToString(), [.. order]);
    }

    private static int? Closing(string sql, int open, char quote)
    {
        for (var i = open + 1; i < sql.Length; i++)
        {
            if (sql[i] != quote)
            {
                continue;
            }

            if (At(sql, i + 1, quote))
            {
                i++;
                continue;
            }

            return i;
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<string> names, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (name.Equals(names[i], StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool At(string sql, int i, char c) => i < sql.Length && sql[i] == c;

    private static bool IsNameStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';

    private static bool IsNameChar(char c) => IsNameStart(c) || c is >= '0' and <= '9';
}
