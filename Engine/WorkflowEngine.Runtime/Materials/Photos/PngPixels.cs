using System.Buffers.Binary;
using System.IO.Compression;

namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>
/// Decodes a PNG to 8-bit RGB rows, a row at a time, so a page costs a few rows of memory whatever its size: every colour
/// type and bit depth of a non-interlaced PNG, transparency laid on white paper. Only as many bytes are inflated as the
/// header's size needs, so data that inflates beyond it (a decompression bomb) is never read.
/// </summary>
public static class PngPixels
{
    /// <summary>Writes the photo's pixels as RGB, top row first, to <paramref name="output"/>.</summary>
    public static void WriteRgb(Stream png, Photo photo, Stream output)
    {
        png.Position += 8;
        var header = new byte[13];
        byte[]? palette = null;
        byte[]? transparency = null;
        Span<byte> chunk = stackalloc byte[8];
        while (true)
        {
            png.ReadExactly(chunk);
            var length = BinaryPrimitives.ReadUInt32BigEndian(chunk);
            var type = chunk[4..8];
            if (length > int.MaxValue || png.Position + length > png.Length)
            {
                throw Broken();
            }

            if (type.SequenceEqual("IDAT"u8))
            {
                png.Position -= 8;
                break;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                throw Broken();
            }

            var data = type.SequenceEqual("IHDR"u8) ? header : type.SequenceEqual("PLTE"u8) ? palette = new byte[length] : type.SequenceEqual("tRNS"u8) ? transparency = new byte[Math.Min(length, 256 * 2)] : null;
            if (data is not null && data.Length <= length)
            {
                png.ReadExactly(data);
                png.Position += length - data.Length;
            }
            else
            {
                png.Position += length;
            }

            png.Position += 4;
        }

        var depth = header[8];
        var colour = header[9];
        if (header[12] != 0)
        {
            throw new PhotoRefusedException("PNG 照片是隔行扫描（Adam7）格式，暂不能合成；请另存为普通 PNG 或 JPG 后再上传", "The PNG is interlaced (Adam7), which cannot be assembled; save it as an ordinary PNG or a JPG");
        }

        var channels = colour switch
        {
            0 when depth is 1 or 2 or 4 or 8 or 16 => 1,
            2 when depth is 8 or 16 => 3,
            3 when depth is 1 or 2 or 4 or 8 && palette is { Length: >= 3 } => 1,
            4 when depth is 8 or 16 => 2,
            6 when depth is 8 or 16 => 4,
            _ => throw Broken(),
        };

        var width = photo.Width;
        var bitsPerPixel = channels * depth;
        var rowBytes = (int)(((long)width * bitsPerPixel + 7) / 8);
        var step = Math.Max(1, bitsPerPixel / 8);
        var previous = new byte[rowBytes];
        var row = new byte[rowBytes];
        var rgb = new byte[width * 3];
        try
        {
            using var inflated = new ZLibStream(new IdatStream(png), CompressionMode.Decompress);
            for (var y = 0; y < photo.Height; y++)
            {
                var filter = inflated.ReadByte();
                if (filter < 0)
                {
                    throw Broken();
                }

                inflated.ReadExactly(row);
                Unfilter(filter, row, previous, step);
                ToRgb(row, rgb, width, colour, depth, palette, transparency);
                output.Write(rgb);
                (previous, row) = (row, previous);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            throw Broken();
        }
    }

    private static PhotoRefusedException Broken() =>
        new("PNG 照片已损坏或不完整，无法读出图像，请重新拍摄或选择", "The PNG photo is damaged or incomplete and its image cannot be read; please take or choose it again");

    private static void Unfilter(int filter, Span<byte> row, ReadOnlySpan<byte> previous, int step)
    {
        switch (filter)
        {
            case 0:
                return;
            case 1:
                for (var i = step; i < row.Length; i++)
                {
                    row[i] += row[i - step];
                }

                return;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                return;
            case 3:
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= step ? row[i - step] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }

                return;
            case 4:
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= step ? row[i - step] : 0, b = previous[i], c = i >= step ? previous[i - step] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }

                return;
            default:
                throw Broken();
        }
    }

    private static void ToRgb(ReadOnlySpan<byte> row, Span<byte> rgb, int width, byte colour, byte depth, byte[]? palette, byte[]? transparency)
    {
        for (var x = 0; x < width; x++)
        {
            int r, g, b, a = 255;
            switch (colour)
            {
                case 0:
                    r = g = b = Sample(row, x, depth);
                    break;
                case 2:
                    r = Sample(row, x * 3, depth);
                    g = Sample(row, (x * 3) + 1, depth);
                    b = Sample(row, (x * 3) + 2, depth);
                    break;
                case 3:
                    var index = Index(row, x, depth);
                    if (index * 3 + 2 >= palette!.Length)
                    {
                        throw Broken();
                    }

                    (r, g, b) = (palette[index * 3], palette[(index * 3) + 1], palette[(index * 3) + 2]);
                    a = transparency is not null && index < transparency.Length ? transparency[index] : 255;
                    break;
                case 4:
                    r = g = b = Sample(row, x * 2, depth);
                    a = Sample(row, (x * 2) + 1, depth);
                    break;
                default:
                    r = Sample(row, x * 4, depth);
                    g = Sample(row, (x * 4) + 1, depth);
                    b = Sample(row, (x * 4) + 2, depth);
                    a = Sample(row, (x * 4) + 3, depth);
                    break;
            }

            rgb[x * 3] = OnWhite(r, a);
            rgb[(x * 3) + 1] = OnWhite(g, a);
            rgb[(x * 3) + 2] = OnWhite(b, a);
        }
    }

    private static byte OnWhite(int value, int alpha) => (byte)(((value * alpha) + (255 * (255 - alpha)) + 127) / 255);

    /// <summary>The sample at index <paramref name="i"/> scaled to 0–255 (16-bit samples keep their high byte).</summary>
    private static int Sample(ReadOnlySpan<byte> row, int i, byte depth) => depth switch
    {
        8 => row[i],
        16 => row[i * 2],
        _ => Index(row, i, depth) * 255 / ((1 << depth) - 1),
    };

    private static int Index(ReadOnlySpan<byte> row, int i, byte depth)
    {
        if (depth == 8)
        {
            return row[i];
        }

        var perByte = 8 / depth;
        var shift = 8 - (((i % perByte) + 1) * depth);
        return (row[i / perByte] >> shift) & ((1 << depth) - 1);
    }

    /// <summary>The data of consecutive IDAT chunks as one stream, as the PNG format defines it.</summary>
    private sealed class IdatStream(Stream png) : Stream
    {
        private long _left;
        private bool _done;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (_left == 0)
            {
                if (_done || !NextChunk())
                {
                    return 0;
                }
            }

            var read = png.Read(buffer[..(int)Math.Min(buffer.Length, _left)]);
            if (read == 0)
            {
                throw new EndOfStreamException();
            }

            _left -= read;
            if (_left == 0)
            {
                png.Position += 4;
            }

            return read;
        }

        private bool NextChunk()
        {
            Span<byte> chunk = stackalloc byte[8];
            if (png.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) < 8 || !chunk[4..8].SequenceEqual("IDAT"u8))
            {
                _done = true;
                return false;
            }

            _left = BinaryPrimitives.ReadUInt32BigEndian(chunk);
            return true;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
