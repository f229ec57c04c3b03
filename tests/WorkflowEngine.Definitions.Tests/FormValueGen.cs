using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using WorkflowEngine.Core.Forms;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Forms;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>Generates forms whose every value is valid for its field and already in canonical form.</summary>
internal static class FormValueGen
{
    private static readonly Dictionary<string, Gen<string>> Patterns = new(StringComparer.Ordinal)
    {
        ["[0-9]{12}[A-Z]{2}[0-9]{5}[A-Z][0-9]{8}"] = Chars("0123456789", 12, 12).Select(Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, 2),
            Chars("0123456789", 5, 5), Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, 1), Chars("0123456789", 8, 8), (a, b, c, d, e) => a + b + c + d + e),
        ["[A-Z]{2}[0-9]{4}"] = Chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 2, 2).Select(Chars("0123456789", 4, 4), (a, b) => a + b),
    };

    private static readonly string[] TextPieces =
        ["张", "三", "福", "州", "市", "鼓", "楼", "区", "号", "a", "Z", "0", "9", " ", "\u3000", ",", "（", "）", "\n", "\t", "𠀀", "é"];

    /// <summary>A form: every required field answered, each optional field answered or left out.</summary>
    public static Gen<JsonObject> Form(WorkflowDefinition definition, DateOnly today)
    {
        var fields = definition.Form.Select(f => f.Required
            ? Value(f, today).Select(v => (f.Key, (JsonNode?)v))
            : Gen.Frequency((1, Gen.Const((f.Key, (JsonNode?)null))), (3, Value(f, today).Select(v => (f.Key, (JsonNode?)v)))));
        return fields
            .Aggregate(Gen.Const(ImmutableList<(string Key, JsonNode? Value)>.Empty), (all, field) => all.Select(field, (list, pair) => list.Add(pair)))
            .Select(pairs => new JsonObject(pairs.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value))));
    }

    public static Gen<JsonNode> Value(FormField field, DateOnly today) => field.Type switch
    {
        FieldType.Text => Text(field).Select(t => (JsonNode)JsonValue.Create(t)),
        FieldType.Number => Number(field, fractionDigits: 6).Select(d => (JsonNode)JsonValue.Create(d)),
        FieldType.Money => Number(field, fractionDigits: 2).Select(d => (JsonNode)JsonValue.Create(d)),
        FieldType.Bool => Gen.Bool.Select(b => (JsonNode)JsonValue.Create(b)),
        FieldType.Date => Date(field, today).Select(d => (JsonNode)JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
        FieldType.Choice when field.Multiple => Gen.Bool.Array[field.Options.Count].Where(picked => picked.Any(p => p))
            .Select(picked => (JsonNode)new JsonArray([.. field.Options.Where((_, i) => picked[i]).Select(o => (JsonNode?)JsonValue.Create(o.Value))])),
        FieldType.Choice => Gen.Int[0, field.Options.Count - 1].Select(i => (JsonNode)JsonValue.Create(field.Options[i].Value)),
        FieldType.CnResidentId => ResidentId(today).Select(t => (JsonNode)JsonValue.Create(t)),
        FieldType.Uscc => Chars(UnifiedSocialCreditCode.Alphabet, 17, 17)
            .Select(s => (JsonNode)JsonValue.Create(s + UnifiedSocialCreditCode.CheckCharacter(s))),
        FieldType.Phone => Gen.OneOf(
            Gen.Select(Chars("3456789", 1, 1), Chars("0123456789", 9, 9), (a, b) => "1" + a + b),
            Gen.Select(Chars("0123456789", 2, 3), Gen.OneOf("-", ""), Chars("0123456789", 7, 8), (a, dash, b) => "0" + a + dash + b))
            .Select(t => (JsonNode)JsonValue.Create(t)),
        FieldType.Email => Gen.Select(Chars("abcxyz0189._-", 1, 20), Chars("abcdefghij", 1, 12), Gen.OneOf("cn", "com", "gov.cn"), (l, d, t) => $"{l}@{d}.{t}")
            .Select(t => (JsonNode)JsonValue.Create(t)),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, "no generator"),
    };

    private static Gen<string> Chars(string alphabet, int min, int max) => Gen.Char[alphabet].Array[min, max].Select(c => new string(c));

    private static Gen<string> Text(FormField field)
    {
        if (field.Pattern is { } pattern)
        {
            return Patterns.TryGetValue(pattern, out var gen)
                ? gen
                : throw new InvalidOperationException($"Add a generator for the pattern {pattern} to {nameof(FormValueGen)}.");
        }

        var min = Math.Max(field.MinLength ?? 1, 1);
        var max = field.MaxLength ?? FieldLimits.DefaultTextMaxLength;
        var length = Gen.Frequency((8, Gen.Int[min, Math.Min(max, min + 40)]), (1, Gen.Const(max)), (1, Gen.Const(min)));
        return length.SelectMany(n => Gen.Int[0, TextPieces.Length - 1].Array[n].Select(picks =>
        {
            var text = new StringBuilder(n + 1);
            foreach (var pick in picks)
            {
                text.Append(TextPieces[pick]);
                if (text.Length >= n)
                {
                    break;
                }
            }

            // Canonical text neither begins nor ends with white space, and fits exactly: a pair at the end becomes one unit.
            text.Length = Math.Min(text.Length, n);
            if (char.IsHighSurrogate(text[^1]))
            {
                text[^1] = '字';
            }

            if (char.IsWhiteSpace(text[0]))
            {
                text[0] = '字';
            }

            if (char.IsWhiteSpace(text[^1]))
            {
                text[^1] = '字';
            }

            return text.ToString();
        }));
    }

    private static Gen<decimal> Number(FormField field, int fractionDigits)
    {
        var min = field.Min ?? -1_000_000_000_000m;
        var max = field.Max ?? 100_000_000_000_000m;
        var scale = (decimal)Math.Pow(10, fractionDigits);
        return Gen.Frequency(
                (6, Gen.Long[(long)Math.Ceiling(min * scale / 1_000_000), (long)Math.Floor(max * scale / 1_000_000)]
                    .Select(Gen.Int[0, 999_999], (high, low) => (high * 1_000_000m + low) / scale)),
                (1, Gen.Const(min)),
                (1, Gen.Const(max)))
            .Select(d => Math.Clamp(decimal.Round(d, fractionDigits), min, max))
            .Select(d => decimal.Parse(JsonNumbers.Plain(d), CultureInfo.InvariantCulture));
    }

    private static Gen<DateOnly> Date(FormField field, DateOnly today)
    {
        var earliest = Bound(field.MinDate, today) ?? today.AddYears(-30);
        var latest = Bound(field.MaxDate, today) ?? today.AddYears(10);
        return Gen.Int[0, latest.DayNumber - earliest.DayNumber].Select(earliest.AddDays);
    }

    private static DateOnly? Bound(string? bound, DateOnly today) =>
        bound is null ? null : bound == "today" ? today : DateOnly.ParseExact(bound, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Gen<string> ResidentId(DateOnly today) =>
        Gen.Select(Chars("123456789", 1, 1), Chars("0123456789", 5, 5), Gen.Int[new DateOnly(1900, 1, 1).DayNumber, today.DayNumber], Chars("0123456789", 3, 3),
            (first, region, birth, sequence) =>
            {
                var body = first + region + DateOnly.FromDayNumber(birth).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence;
                return body + ResidentIdNumber.CheckCharacter(body);
            });
}
