using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>
/// Writes photographed pages as one PDF, a page per photo in the order given: each on an A4 page (portrait, or landscape
/// for a wider photo) as large as fits, keeping its proportions, turned as its EXIF orientation says. A JPEG goes in as
/// it is (DCTDecode), a PNG decoded to RGB and compressed (FlateDecode). Written straight to the output, a page at a
/// time, with each stream's length as an object of its own after it, so nothing is held in memory but a row of pixels.
/// </summary>
public static class PhotoPdf
{
    /// <summary>A4 in points (1/72 inch): 210 × 297 mm.</summary>
    public const double A4Short = 595.276, A4Long = 841.89;

    /// <summary>Writes the pages; <paramref name="pages"/> are the photos as <see cref="PhotoReader"/> read them, with their seekable content.</summary>
    public static void Write(IReadOnlyList<(Photo Photo, Stream Content)> pages, Stream output)
    {
        ArgumentOutOfRangeException.ThrowIfZero(pages.Count);
        var pdf = new Writer(output);
        pdf.Raw("%PDF-1.4\n%\u00E2\u00E3\u00CF\u00D3\n"u8);
        pdf.Object(1, "<< /Type /Catalog /Pages 2 0 R >>");
        var kids = string.Join(" ", Enumerable.Range(0, pages.Count).Select(i => $"{PageObject(i)} 0 R"));
        pdf.Object(2, $"<< /Type /Pages /Kids [{kids}] /Count {pages.Count} >>");
        for (var i = 0; i < pages.Count; i++)
        {
            var (photo, content) = pages[i];
            var page = PageObject(i);
            var landscape = photo.ShownWidth > photo.ShownHeight;
            double pageWidth = landscape ? A4Long : A4Short, pageHeight = landscape ? A4Short : A4Long;
            var scale = Math.Min(pageWidth / photo.ShownWidth, pageHeight / photo.ShownHeight);
            double width = photo.ShownWidth * scale, height = photo.ShownHeight * scale;
            var drawing = $"q {Matrix(photo.Orientation, width, height, (pageWidth - width) / 2, (pageHeight - height) / 2)} cm /Im0 Do Q\n";
            pdf.Object(page, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {N(pageWidth)} {N(pageHeight)}] /Resources << /XObject << /Im0 {page + 2} 0 R >> >> /Contents {page + 1} 0 R >>");
            pdf.Stream(page + 1, "", Encoding.ASCII.GetBytes(drawing));
            pdf.Image(page + 2, page + 3, photo, content);
        }

        var objects = 2 + (pages.Count * 4);
        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects + 1}\n0000000000 65535 f \n");
        for (var number = 1; number <= objects; number++)
        {
            table.Append(CultureInfo.InvariantCulture, $"{pdf.OffsetOf(number):D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Raw(Encoding.ASCII.GetBytes(table.ToString()));
        output.Flush();
    }

    /// <summary>Page i is object 3 + 4i, followed by its content stream, its image and the image's length.</summary>
    private static int PageObject(int i) => 3 + (i * 4);

    /// <summary>
    /// The matrix that draws the image (its unit square, first row at the top) into the box at (x, y) of the given size,
    /// turned or mirrored as its EXIF orientation says the camera held it.
    /// </summary>
    private static string Matrix(int orientation, double width, double height, double x, double y)
    {
        // Where the unit square's (u, v) lands in the box's unit square: X = a u + c v + e, Y = b u + d v + f.
        var (a, b, c, d, e, f) = orientation switch
        {
            2 => (-1, 0, 0, 1, 1, 0),
            3 => (-1, 0, 0, -1, 1, 1),
            4 => (1, 0, 0, -1, 0, 1),
            5 => (0, -1, -1, 0, 1, 1),
            6 => (0, -1, 1, 0, 0, 1),
            7 => (0, 1, 1, 0, 0, 0),
            8 => (0, 1, -1, 0, 1, 0),
            _ => (1, 0, 0, 1, 0, 0),
        };
        return $"{N(a * width)} {N(b * height)} {N(c * width)} {N(d * height)} {N((e * width) + x)} {N((f * height) + y)}";
    }

    private static string N(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Writes objects and remembers where each begins, for the cross-reference table.</summary>
    private sealed class Writer(Stream output)
    {
        private readonly Dictionary<int, long> _offsets = [];

        public long Position { get; private set; }

        public long OffsetOf(int number) => _offsets[number];

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            output.Write(bytes);
            Position += bytes.Length;
        }

        private void Text(string text) => Raw(Encoding.ASCII.GetBytes(text));

        public void Object(int number, string body)
        {
            _offsets[number] = Position;
            Text($"{number} 0 obj\n{body}\nendobj\n");
        }

        public void Stream(int number, string dictionary, ReadOnlySpan<byte> data)
        {
            _offsets[number] = Position;
            Text($"{number} 0 obj\n<< {dictionary}/Length {data.Length} >>\nstream\n");
            Raw(data);
            Text("\nendstream\nendobj\n");
        }

        public void Image(int number, int lengthNumber, Photo photo, Stream content)
        {
            var colours = photo.Components switch { 1 => "/DeviceGray", 4 => "/DeviceCMYK", _ => "/DeviceRGB" };
            var filter = photo.Kind == PhotoKind.Jpeg ? "/DCTDecode" : "/FlateDecode";
            var decode = photo.InvertedCmyk ? " /Decode [1 0 1 0 1 0 1 0]" : "";
            _offsets[number] = Position;
            Text($"{number} 0 obj\n<< /Type /XObject /Subtype /Image /Width {photo.Width} /Height {photo.Height} /ColorSpace {(photo.Kind == PhotoKind.Png ? "/DeviceRGB" : colours)} /BitsPerComponent 8 /Filter {filter}{decode} /Length {lengthNumber} 0 R >>\nstream\n");
            var counted = new CountingStream(output);
            if (photo.Kind == PhotoKind.Jpeg)
            {
                content.CopyTo(counted);
            }
            else
            {
                using var compressed = new ZLibStream(counted, CompressionLevel.Fastest, leaveOpen: true);
                PngPixels.WriteRgb(content, photo, compressed);
            }

            Position += counted.Written;
            Text("\nendstream\nendobj\n");
            _offsets[lengthNumber] = Position;
            Text(string.Create(CultureInfo.InvariantCulture, $"{lengthNumber} 0 obj\n{counted.Written}\nendobj\n"));
        }
    }

    /// <summary>Passes bytes on and counts them: a stream's length is known only once it is written.</summary>
    private sealed class CountingStream(Stream inner) : System.IO.Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            Written += buffer.Length;
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
