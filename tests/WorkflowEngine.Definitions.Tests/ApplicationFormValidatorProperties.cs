using System.Text.Json.Nodes;
using CsCheck;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Definitions.Forms;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// A value valid for its type stays valid through a JSON round trip and is already canonical; the normaliser undoes
/// what clients and input methods add (white space, CRLF, a lower-case x, trailing zeros, choice order), and
/// normalising twice changes nothing.
/// </summary>
public sealed class ApplicationFormValidatorProperties
{
    private static readonly WorkflowDefinition Everything = TestDefinitions.Definition("""
          - { key: note, label: 备注, type: text }
          - { key: title, label: 标题, type: text, required: true, minLength: 2, maxLength: 10 }
          - { key: code, label: 编码, type: text, pattern: '[A-Z]{2}[0-9]{4}' }
          - { key: count, label: 数量, type: number, min: -1000, max: 1000 }
          - { key: area, label: 面积, type: number }
          - { key: amount, label: 金额, type: money, required: true, min: 0, max: 100000000000 }
          - { key: debt, label: 债务, type: money, min: -100000000000000 }
          - { key: startOn, label: 开始, type: date, minDate: today }
          - { key: endOn, label: 结束, type: date, maxDate: 2026-12-31, minDate: 2000-01-01 }
          - { key: agreed, label: 同意, type: bool }
          - { key: kind, label: 类型, type: choice, options: [a, b, c] }
          - { key: kinds, label: 多选, type: choice, multiple: true, options: [x, y, z] }
          - { key: personId, label: 身份证号, type: cn-resident-id, required: true }
          - { key: companyCode, label: 信用代码, type: uscc }
          - { key: phone, label: 电话, type: phone }
          - { key: mail, label: 邮箱, type: email }
        """);

    private static readonly Gen<JsonObject> ValidForm = FormValueGen.Form(Everything, TestDefinitions.Today);

    [Fact]
    public void Validate_ValidFormAfterAJsonRoundTrip_IsStillValidAndCanonical() =>
        ValidForm.Sample(form =>
        {
            Assert.Empty(TestDefinitions.FormErrors(Everything, form));
            var parsed = JsonNode.Parse(form.ToJsonString())!.AsObject();

            Assert.Empty(TestDefinitions.FormErrors(Everything, parsed));
            Assert.Equal(parsed.ToJsonString(), FormNormalizer.Normalize(Everything, parsed).ToJsonString());
        }, iter: 400);

    [Fact]
    public void Normalize_ValidFormAsClientsSendIt_GivesBackTheCanonicalForm() =>
        Gen.Select(ValidForm, Gen.Int[0, 5].Array[Everything.Form.Count]).Sample((form, choices) =>
        {
            var sent = Perturb(form, choices);

            var normalized = FormNormalizer.Normalize(Everything, sent);

            Assert.Equal(form.ToJsonString(), normalized.ToJsonString());
            Assert.Equal(normalized.ToJsonString(), FormNormalizer.Normalize(Everything, normalized).ToJsonString());
        }, iter: 400);

    [Fact]
    public void Normalize_AnyValues_IsIdempotent()
    {
        var anyValue = Gen.OneOf<JsonNode?>(
            Gen.Char[" \u3000\t\r\nxX0129aZ.@-字"].Array[0, 12].Select(c => (JsonNode?)JsonValue.Create(new string(c))),
            Gen.OneOf("0", "1.50", "1e2", "1E-300", "-0", "123456789012345678901234567890123", "0.10").Select(t => JsonNode.Parse(t)),
            Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)),
            Gen.OneOf("[]", "[\"z\",\"x\",\"x\",\"q\"]", "[1,\"x\"]", "{}", "null").Select(t => JsonNode.Parse(t)));
        anyValue.Array[Everything.Form.Count].Sample(values =>
        {
            var form = new JsonObject(Everything.Form.Select((f, i) => KeyValuePair.Create(f.Key, (JsonNode?)values[i])));
            form["unknownField"] = " x ";

            var once = FormNormalizer.Normalize(Everything, form);

            Assert.Equal(once.ToJsonString(), FormNormalizer.Normalize(Everything, once).ToJsonString());
        }, iter: 1000);
    }

    /// <summary>What a client or an input method may send for a canonical value, chosen by <paramref name="choices"/>.</summary>
    private static JsonObject Perturb(JsonObject form, int[] choices)
    {
        var sent = new JsonObject();
        for (var i = 0; i < Everything.Form.Count; i++)
        {
            var field = Everything.Form[i];
            var choice = choices[i];
            if (!form.TryGetPropertyValue(field.Key, out var value))
            {
                sent[field.Key] = choice switch { 1 => "  \u3000", 2 => new JsonArray(), 3 => null, _ => null };
                if (choice == 0)
                {
                    sent.Remove(field.Key);
                }

                continue;
            }

            sent[field.Key] = (field.Type, value) switch
            {
                (FieldType.Number or FieldType.Money, _) when choice % 3 == 1 => JsonNode.Parse(value!.ToJsonString() + (value.ToJsonString().Contains('.') ? "0" : ".0")),
                (FieldType.Number, _) when choice % 3 == 2 => JsonNode.Parse(value!.ToJsonString() + "e0"),
                (FieldType.Choice, JsonArray array) when choice % 2 == 1 => new JsonArray([.. array.Reverse().Select(v => v?.DeepClone())]),
                (FieldType.Choice or FieldType.Bool or FieldType.Number or FieldType.Money, _) => value!.DeepClone(),
                (_, _) => JsonValue.Create(Messy(field.Type, value!.GetValue<string>(), choice)),
            };
        }

        return sent;
    }

    private static string Messy(FieldType type, string text, int choice)
    {
        var padded = choice % 2 == 1 ? " \u3000" + text + "\t\n" : text;
        return type switch
        {
            FieldType.Text when choice >= 2 => padded.Replace("\n", "\r\n", StringComparison.Ordinal),
            FieldType.CnResidentId when choice >= 2 => padded.Replace('X', 'x'),
            FieldType.Uscc when choice >= 2 => padded.ToLowerInvariant(),
            FieldType.Email when choice >= 2 => padded[..padded.IndexOf('@', StringComparison.Ordinal)] + padded[padded.IndexOf('@', StringComparison.Ordinal)..].ToUpperInvariant(),
            _ => padded,
        };
    }
}
