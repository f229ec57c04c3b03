using System.Buffers.Binary;
using System.IO.Compression;

namespace WorkflowEngine.Testing;

/// <summary>
/// Photos for the photographed-material tests, made here rather than kept as files: a JPEG whose headers (frame size,
/// EXIF orientation) are real and whose image data is a stand-in (the server embeds a JPEG without decoding it), and a
/// real PNG of any colour type, with a pixel pattern a test can check after the round trip.
/// </summary>
public static class TestPhotos
{
    /// <summary>A JPEG of the given size: SOI, an EXIF orientation when not 1, a baseline frame header, a scan, EOI.</summary>
    public static byte[] Jpeg(int width, int height, int orientation = 1, int components = 3)
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        jpeg.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        if (orientation != 1)
        {
            jpeg.Write(ExifOrientation(orientation));
        }

        var frame = new List<byte> { 0xFF, 0xC0, 0, (byte)(8 + (3 * components)), 8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, (byte)components };
        for (var c = 1; c <= components; c++)
        {
            frame.AddRange([(byte)c, 0x11, 0]);
        }

        jpeg.Write(frame.ToArray());
        jpeg.Write([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.Write(Enumerable.Range(0, 64).Select(i => (byte)(i * 3 % 255)).ToArray());
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    /// <summary>
    /// A real JPEG (one a browser or camera encoded) with an EXIF orientation segment put in right after its start of
    /// image, as a phone's camera writes one: the pixels stay as stored, a viewer turns them.
    /// </summary>
    public static byte[] WithOrientation(byte[] jpeg, int orientation)
    {
        if (jpeg.Length < 2 || jpeg[0] != 0xFF || jpeg[1] != 0xD8)
        {
            throw new ArgumentException("Not a JPEG: it does not start with SOI (FF D8).", nameof(jpeg));
        }

        return [.. jpeg.AsSpan(0, 2), .. ExifOrientation(orientation), .. jpeg.AsSpan(2)];
    }

    /// <summary>APP1: "Exif\0\0", a big-endian TIFF header and one directory entry, the orientation (0x0112, SHORT, 1).</summary>
    private static byte[] ExifOrientation(int orientation)
    {
        byte[] tiff = [(byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, 0, 0, 0, 0, 0, 0];
        var length = 2 + 6 + tiff.Length;
        return [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. "Exif\0\0"u8, .. tiff];
    }

    /// <summary>The RGB colour <see cref="Png"/> gives the pixel at (x, y), before any transparency.</summary>
    public static (byte R, byte G, byte B) PixelAt(int x, int y) => ((byte)(x * 7), (byte)(y * 11), (byte)((x + y) * 5));

    /// <summary>
    /// A real 8-bit PNG: colour type 2 (RGB) or 6 (RGBA, alpha <paramref name="alpha"/>), each row under a filter in
    /// turn (none, sub, up, average, Paeth) as an encoder would pick them, so decoding exercises every filter.
    /// </summary>
    public static byte[] Png(int width, int height, bool withAlpha = false, byte alpha = 255)
    {
        var channels = withAlpha ? 4 : 3;
        var raw = new MemoryStream();
        var previous = new byte[width * channels];
        for (var y = 0; y < height; y++)
        {
            var row = new byte[width * channels];
            for (var x = 0; x < width; x++)
            {
                var (r, g, b) = PixelAt(x, y);
                row[x * channels] = r;
                row[(x * channels) + 1] = g;
                row[(x * channels) + 2] = b;
                if (withAlpha)
                {
                    row[(x * channels) + 3] = alpha;
                }
            }

            var filter = (byte)(y % 5);
            raw.WriteByte(filter);
            raw.Write(Filter(filter, row, previous, channels));
            previous = row;
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        header[8] = 8;
        header[9] = (byte)(withAlpha ? 6 : 2);
        return PngOf(header, compressed.ToArray());
    }

    /// <summary>A PNG of the given header fields and IDAT data, with correct chunk CRCs: for headers that lie about the image.</summary>
    public static byte[] PngOf(byte[] header, byte[] idat)
    {
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", idat);
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A PNG header (IHDR) claiming the given size, 8-bit RGB, with a few bytes of data: a decompression bomb's shape.</summary>
    public static byte[] PngClaiming(uint width, uint height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[1024 * 1024]);
        }

        return PngOf(header, compressed.ToArray());
    }

    private static byte[] Filter(byte filter, byte[] row, byte[] previous, int step)
    {
        var output = new byte[row.Length];
        for (var i = 0; i < row.Length; i++)
        {
            int a = i >= step ? row[i - step] : 0, b = previous[i], c = i >= step ? previous[i - step] : 0;
            var predictor = filter switch
            {
                1 => a,
                2 => b,
                3 => (a + b) >> 1,
                4 => Paeth(a, b, c),
                _ => 0,
            };
            output[i] = (byte)(row[i] - predictor);
        }

        return output;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)data.Length);
        png.Write(number);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
