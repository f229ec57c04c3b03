using System.Buffers.Binary;

namespace WorkflowEngine.Runtime.Materials.Photos;

/// <summary>
/// Reads what a photo is from its own bytes, never from its name or the content type a client claimed: a JPEG's frame
/// header (SOF) and EXIF orientation, a PNG's IHDR. Only the headers are read, and the stream is left where it was.
/// </summary>
public static class PhotoReader
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The photo's header, checked against <see cref="PhotoLimits"/>; a file that is not a JPEG or PNG it can place on a page is refused.</summary>
    public static Photo Read(Stream content)
    {
        var start = content.Position;
        try
        {
            Span<byte> head = stackalloc byte[8];
            if (content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < 2)
            {
                throw NotAnImage();
            }

            content.Position = start;
            var photo = head.StartsWith(PngSignature) ? ReadPng(content) :
                head[0] == 0xFF && head[1] == 0xD8 ? ReadJpeg(content) :
                throw NotAnImage();
            return Checked(photo);
        }
        catch (EndOfStreamException)
        {
            throw new PhotoRefusedException("照片文件不完整（在图片头部就结束了），请重新拍摄或选择", "The photo file is incomplete (it ends inside its header); please take or choose it again");
        }
        finally
        {
            content.Position = start;
        }
    }

    private static PhotoRefusedException NotAnImage() =>
        new("文件不是 JPG 或 PNG 照片（文件内容与扩展名不符）", "The file is not a JPG or PNG photo (its content does not match its extension)");

    private static Photo Checked(Photo photo)
    {
        if (photo.Width <= 0 || photo.Height <= 0)
        {
            throw new PhotoRefusedException("照片的宽或高为 0，无法使用", "The photo's width or height is 0");
        }

        if (photo.Width > PhotoLimits.MaxSide || photo.Height > PhotoLimits.MaxSide || (long)photo.Width * photo.Height > PhotoLimits.MaxPixels)
        {
            throw new PhotoRefusedException(
                $"照片尺寸 {photo.Width}×{photo.Height} 像素过大（最多 {PhotoLimits.MaxPixels / 1_000_000} 百万像素、每边不超过 {PhotoLimits.MaxSide} 像素），请降低相机分辨率后重拍",
                $"The photo is {photo.Width}×{photo.Height} pixels, too large (at most {PhotoLimits.MaxPixels / 1_000_000} megapixels and {PhotoLimits.MaxSide} pixels a side); please take it at a lower resolution");
        }

        return photo;
    }

    private static Photo ReadPng(Stream content)
    {
        Span<byte> ihdr = stackalloc byte[8 + 8 + 13];
        content.ReadExactly(ihdr);
        if (!ihdr[12..16].SequenceEqual("IHDR"u8) || BinaryPrimitives.ReadUInt32BigEndian(ihdr[8..12]) != 13)
        {
            throw NotAnImage();
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(ihdr[16..20]);
        var height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[20..24]);
        return new Photo(PhotoKind.Png, (int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue));
    }

    /// <summary>Walks the JPEG's segments up to its frame header, noting the EXIF orientation and an Adobe marker (inverted CMYK) on the way.</summary>
    private static Photo ReadJpeg(Stream content)
    {
        content.Position += 2;
        var orientation = 1;
        var adobe = false;
        Span<byte> marker = stackalloc byte[4];
        while (true)
        {
            content.ReadExactly(marker[..2]);
            if (marker[0] != 0xFF)
            {
                throw NotAnImage();
            }

            var code = marker[1];
            if (code == 0xFF)
            {
                // Fill bytes before a marker.
                content.Position -= 1;
                continue;
            }

            if (code is 0xD8 or 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue;
            }

            if (code is 0xD9 or 0xDA)
            {
                // The image data (or its end) came before any frame header.
                throw NotAnImage();
            }

            content.ReadExactly(marker[2..4]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(marker[2..4]);
            if (length < 2)
            {
                throw NotAnImage();
            }

            var segmentEnd = content.Position + length - 2;
            switch (code)
            {
                case 0xC0 or 0xC1 or 0xC2:
                    return Frame(content, length, orientation, adobe);
                case 0xC3 or (>= 0xC5 and <= 0xC7) or (>= 0xC9 and <= 0xCB) or (>= 0xCD and <= 0xCF):
                    throw new PhotoRefusedException(
                        "照片是少见的 JPEG 编码（无损或算术编码），PDF 阅读器无法显示；请用手机相机直接拍摄，或另存为普通 JPG 后再上传",
                        "The photo uses a rare JPEG coding (lossless or arithmetic) that PDF readers cannot show; take it with the phone's camera, or save it as an ordinary JPG");
                case 0xE1:
                    orientation = ExifOrientation(content, length - 2) ?? orientation;
                    break;
                case 0xEE:
                    adobe = true;
                    break;
            }

            if (segmentEnd > content.Length)
            {
                throw new EndOfStreamException();
            }

            content.Position = segmentEnd;
        }
    }

    private static Photo Frame(Stream content, int length, int orientation, bool adobe)
    {
        if (length < 8)
        {
            throw NotAnImage();
        }

        Span<byte> frame = stackalloc byte[6];
        content.ReadExactly(frame);
        if (frame[0] != 8)
        {
            throw new PhotoRefusedException(
                $"照片每个颜色 {frame[0]} 位，PDF 只能嵌入 8 位的 JPEG；请用手机相机直接拍摄",
                $"The photo has {frame[0]} bits per colour; a PDF embeds only 8-bit JPEGs; take it with the phone's camera");
        }

        var components = frame[5];
        if (components is not (1 or 3 or 4))
        {
            throw NotAnImage();
        }

        return new Photo(PhotoKind.Jpeg, BinaryPrimitives.ReadUInt16BigEndian(frame[3..5]), BinaryPrimitives.ReadUInt16BigEndian(frame[1..3]), components, orientation, adobe && components == 4);
    }

    /// <summary>The orientation tag (0x0112) of an APP1 EXIF segment's first image directory, or null.</summary>
    private static int? ExifOrientation(Stream content, int length)
    {
        var start = content.Position;
        var bytes = new byte[Math.Min(length, 64 * 1024)];
        var read = content.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
        content.Position = start;
        var exif = bytes.AsSpan(0, read);
        if (exif.Length < 14 || !exif.StartsWith("Exif\0\0"u8))
        {
            return null;
        }

        var tiff = exif[6..];
        var little = tiff.StartsWith("II"u8);
        if (!little && !tiff.StartsWith("MM"u8))
        {
            return null;
        }

        var directory = U32(tiff, 4, little);
        if (directory is null || directory + 2 > tiff.Length)
        {
            return null;
        }

        var entries = U16(tiff, (int)directory, little);
        for (var i = 0; i < entries; i++)
        {
            var at = (int)directory + 2 + (i * 12);
            if (at + 12 > tiff.Length)
            {
                return null;
            }

            if (U16(tiff, at, little) == 0x0112)
            {
                var value = U16(tiff, at + 8, little);
                return value is >= 1 and <= 8 ? value : null;
            }
        }

        return null;
    }

    private static int U16(ReadOnlySpan<byte> bytes, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);

    private static uint? U32(ReadOnlySpan<byte> bytes, int at, bool little) =>
        at + 4 > bytes.Length ? null : little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes[at..]) : BinaryPrimitives.ReadUInt32BigEndian(bytes[at..]);
}
