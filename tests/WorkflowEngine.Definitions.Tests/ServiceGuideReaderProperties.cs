using System.Text.RegularExpressions;
using CsCheck;
using WorkflowEngine.Core.Model;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Definitions.Tests;

/// <summary>
/// Whatever an author writes under <c>guide:</c> — phone numbers of any characters, fees of any amount and unit, texts
/// of any length, visits and deliveries of any value — the reader answers with the guide or with errors at the guide's
/// line, never an exception; a guide it accepts holds only what a hall can print: dialable numbers, fees in 元 to the
/// fen, bounded texts, a number of visits a service could promise.
/// </summary>
public sealed partial class ServiceGuideReaderProperties
{
    private static readonly Gen<string> Phone = Gen.OneOf(
        Gen.OneOf("0000-88661234", "'12345'", "12345", "13800000000", "400-123-4567", "'0571-12345678-12'"),
        Gen.Long[0, 99_999_999_999].Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        Gen.Char["0123456789- +a字１"].Array[0, 25].Select(c => $"'{new string(c)}'"));

    private static readonly Gen<string> Text = Gen.Select(Gen.Int[0, 260], Gen.Int[-1, 260], Gen.Bool, (zh, en, blank) =>
    {
        var chinese = blank ? new string(' ', Math.Min(zh, 3)) : new string('字', zh);
        return en < 0 ? $"'{chinese}'" : $"{{ zh: '{chinese}', en: '{new string('a', en)}' }}";
    });

    private static readonly Gen<string> Amount = Gen.Select(Gen.Int[-1000, 2_000_000], Gen.Int[0, 4], (whole, decimals) =>
        decimals == 0 ? whole.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{whole}.{new string('5', decimals)}");

    private static readonly Gen<string> FeeItem = Gen.Select(Text, Amount, Gen.OneOf("元", "美元", "''", "yuan"), Text, Gen.Int[0, 15], (name, amount, unit, basis, drop) =>
        "{ " + string.Join(", ", new[] { $"name: {name}", $"amount: {amount}", $"unit: {unit}", $"basis: {basis}" }.Where((_, i) => (drop >> i & 1) == 0)) + " }");

    private static readonly Gen<string> Fees = Gen.OneOf(
        Gen.OneOf("{ free: true }", "{ free: false }", "{ }"),
        Gen.Select(Gen.Bool, FeeItem.Array[0, 3], Text, (free, items, note) => $"{{ free: {(free ? "true" : "false")}, items: [ {string.Join(", ", items)} ], note: {note} }}"),
        FeeItem.Array[1, 22].Select(items => $"{{ items: [ {string.Join(", ", items)} ] }}"));

    private static readonly Gen<string> Delivery = Gen.OneOf("window", "post", "electronic", "fax").Array[0, 4].Select(d => $"[{string.Join(", ", d)}]");

    /// <summary>A guide as one flow mapping on one line, with any of its keys.</summary>
    private static readonly Gen<string> Guide = Gen.Select(
        Gen.Select(Text.Array[0, 22], Text, Fees, (basis, eligibility, fees) => (Basis: $"[ {string.Join(", ", basis)} ]", Eligibility: eligibility, Fees: fees)),
        Gen.Select(Text, Text, Text, (hall, address, window) => $"{{ hall: {hall}, address: {address}, window: {window} }}"),
        Gen.Select(Phone, Phone, Text, (consultation, complaint, note) => (Consultation: consultation, Complaint: complaint, Note: note)),
        Gen.Select(Delivery, Gen.Int[-3, 8], Gen.Int[0, 511], (delivery, visits, drop) => (Delivery: delivery, Visits: visits, Drop: drop)),
        (a, place, phones, b) =>
        {
            var keys = new[]
            {
                $"legalBasis: {a.Basis}", $"eligibility: {a.Eligibility}", $"fees: {a.Fees}", $"place: {place}", $"hoursNote: {phones.Note}",
                $"consultationPhone: {phones.Consultation}", $"complaintPhone: {phones.Complaint}", $"delivery: {b.Delivery}", $"visits: {b.Visits}",
            };
            return "guide: { " + string.Join(", ", keys.Where((_, i) => (b.Drop >> i & 1) == 0)) + " }";
        });

    private const string Around = """
        id: sample
        title: 示例事项
        timeLimits: { statutory: { workingDays: 10 }, promised: { workingDays: 5 } }
        flow:
          - { id: licence, activity: department-task, title: 营业执照, department: SAMR, limit: { workingDays: 2 } }
        GUIDE
        """;

    [GeneratedRegex("^[0-9-]{5,20}$")]
    private static partial Regex Dialable();

    [Fact]
    public void AnyGuide_IsReadOrRefusedAtItsLine_AndAnAcceptedOneHoldsOnlyWhatAHallCanPrint() =>
        Guide.Sample(guide =>
        {
            var result = Catalog.Loader.Load(Around.Replace("GUIDE", guide, StringComparison.Ordinal), "sample.yaml");

            Assert.All(result.Errors, e =>
            {
                Assert.StartsWith("guide", e.Path, StringComparison.Ordinal);
                Assert.Equal(6, e.Line);
                Assert.False(string.IsNullOrWhiteSpace(e.MessageEn), e.ToString());
            });
            if (!result.IsValid)
            {
                return;
            }

            var read = result.Definition!.Guide!;
            Assert.All(new[] { read.ConsultationPhone, read.ComplaintPhone }.OfType<string>(), p => Assert.Matches(Dialable(), p));
            Assert.All(read.Fees?.Items ?? [], item =>
            {
                Assert.InRange(item.Amount!.Value, 0m, 1_000_000m);
                Assert.Equal(item.Amount.Value, decimal.Round(item.Amount.Value, 2));
                Assert.Equal("元", item.Unit);
                Assert.NotNull(item.Name);
                Assert.NotNull(item.Basis);
            });
            Assert.True(read.Fees is null || read.Fees.Free ^ read.Fees.Items is { Count: > 0 });
            Assert.InRange(read.Visits ?? 0, 0, 5);
            Assert.True(read.Delivery is null || (read.Delivery.Count > 0 && read.Delivery.Distinct().Count() == read.Delivery.Count));
            Assert.False(read.Visits == 0 && read.Delivery is { } d && d.All(x => x == ResultDelivery.Window));
            Assert.InRange(read.LegalBasis?.Count ?? 1, 1, 20);
            var texts = (read.LegalBasis ?? []).Append(read.Eligibility).Append(read.HoursNote).Append(read.Fees?.Note)
                .Append(read.Place?.Hall).Append(read.Place?.Address).Append(read.Place?.Window).OfType<LocalizedText>();
            Assert.All(texts, t =>
            {
                Assert.False(string.IsNullOrWhiteSpace(t.Zh));
                Assert.True(t.En is null || t.En.Trim().Length > 0);
                Assert.InRange(Math.Max(t.Zh.Length, t.En?.Length ?? 0), 1, 1000);
            });
        }, iter: 1500);
}
