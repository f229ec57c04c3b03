using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Xunit;

namespace WorkflowEngine.Testing;

/// <summary>
/// Reads back the PDFs the server assembles from photos, as strictly as a reader would need: the header, the
/// cross-reference table (every offset pointing at its object), the trailer, the page tree and each page's image with
/// its stream, resolved through indirect lengths. Asserts as it goes; not a general PDF parser.
/// </summary>
public static partial class TestPdf
{
    /// <summary>One page: its media box, the image drawn on it and the matrix it is drawn with.</summary>
    public sealed record Page(double Width, double Height, Image Image, double[] Matrix);

    /// <summary>An image XObject: its size, filter, colour space and stream (still encoded).</summary>
    public sealed record Image(int Width, int Height, string Filter, string ColorSpace, byte[] Data)
    {
        /// <summary>The decoded samples of a FlateDecode image.</summary>
        public byte[] Inflated()
        {
            using var zlib = new ZLibStream(new MemoryStream(Data), CompressionMode.Decompress);
            using var output = new MemoryStream();
            zlib.CopyTo(output);
            return output.ToArray();
        }
    }

    public static IReadOnlyList<Page> Pages(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.StartsWith("%PDF-1.", text);
        var tail = StartXref().Match(text);
        Assert.True(tail.Success, "the file ends with startxref, its offset and %%EOF");
        var xref = int.Parse(tail.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.Equal("xref", text.Substring(xref, 4));

        var table = XrefHeader().Match(text, xref);
        Assert.True(table.Success && table.Index == xref);
        var count = int.Parse(table.Groups[1].Value, CultureInfo.InvariantCulture);
        var offsets = new Dictionary<int, int>();
        var at = table.Index + table.Length;
        for (var number = 0; number < count; number++)
        {
            var entry = text.Substring(at, 20);
            Assert.Matches(@"^\d{10} \d{5} [nf] \n$", entry);
            if (entry[17] == 'n')
            {
                offsets[number] = int.Parse(entry[..10], CultureInfo.InvariantCulture);
                Assert.StartsWith($"{number} 0 obj", text[offsets[number]..]);
            }

            at += 20;
        }

        var trailer = Trailer().Match(text, at);
        Assert.True(trailer.Success && trailer.Index == at, "the trailer follows the table");
        Assert.Equal(count, int.Parse(trailer.Groups[1].Value, CultureInfo.InvariantCulture));

        string Body(int number) => text[offsets[number]..text.IndexOf("endobj", offsets[number], StringComparison.Ordinal)];
        int Ref(string body, string key) => int.Parse(Regex.Match(body, "/" + key + @" (\d+) 0 R").Groups[1].Value, CultureInfo.InvariantCulture);

        var catalog = Body(int.Parse(trailer.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Contains("/Type /Catalog", catalog);
        var tree = Body(Ref(catalog, "Pages"));
        var kids = Regex.Matches(Regex.Match(tree, @"/Kids \[([^\]]*)\]").Groups[1].Value, @"(\d+) 0 R").Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(kids.Count, int.Parse(Regex.Match(tree, @"/Count (\d+)").Groups[1].Value, CultureInfo.InvariantCulture));

        var pages = new List<Page>();
        foreach (var kid in kids)
        {
            var page = Body(kid);
            Assert.Contains("/Type /Page ", page);
            var box = Numbers(Regex.Match(page, @"/MediaBox \[([^\]]*)\]").Groups[1].Value);
            var drawing = Encoding.Latin1.GetString(StreamOf(pdf, text, offsets, Ref(page, "Contents")));
            var matrix = Numbers(Regex.Match(drawing, @"q (.*) cm /Im0 Do Q").Groups[1].Value);
            var imageNumber = int.Parse(Regex.Match(page, @"/Im0 (\d+) 0 R").Groups[1].Value, CultureInfo.InvariantCulture);
            var image = Body(imageNumber);
            Assert.Contains("/Subtype /Image", image);
            pages.Add(new Page(box[2], box[3], new Image(
                int.Parse(Regex.Match(image, @"/Width (\d+)").Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(Regex.Match(image, @"/Height (\d+)").Groups[1].Value, CultureInfo.InvariantCulture),
                Regex.Match(image, @"/Filter /(\w+)").Groups[1].Value,
                Regex.Match(image, @"/ColorSpace /(\w+)").Groups[1].Value,
                StreamOf(pdf, text, offsets, imageNumber)), matrix));
        }

        return pages;
    }

    private static byte[] StreamOf(byte[] pdf, string text, Dictionary<int, int> offsets, int number)
    {
        var start = offsets[number];
        var dictionaryEnd = text.IndexOf(">>\nstream\n", start, StringComparison.Ordinal);
        var dictionary = text[start..dictionaryEnd];
        var direct = Regex.Match(dictionary, @"/Length (\d+)( 0 R)?");
        var length = int.Parse(direct.Groups[1].Value, CultureInfo.InvariantCulture);
        if (direct.Groups[2].Success)
        {
            var lengthObject = text[offsets[length]..text.IndexOf("endobj", offsets[length], StringComparison.Ordinal)];
            length = int.Parse(Regex.Match(lengthObject, @"obj\n(\d+)\n").Groups[1].Value, CultureInfo.InvariantCulture);
        }

        var data = dictionaryEnd + ">>\nstream\n".Length;
        Assert.Equal("\nendstream", text.Substring(data + length, "\nendstream".Length));
        return pdf[data..(data + length)];
    }

    private static double[] Numbers(string text) =>
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => double.Parse(n, CultureInfo.InvariantCulture)).ToArray();

    [GeneratedRegex(@"startxref\n(\d+)\n%%EOF\n?$")]
    private static partial Regex StartXref();

    [GeneratedRegex(@"xref\n0 (\d+)\n")]
    private static partial Regex XrefHeader();

    [GeneratedRegex(@"trailer\n<< /Size (\d+) /Root (\d+) 0 R >>")]
    private static partial Regex Trailer();
}
