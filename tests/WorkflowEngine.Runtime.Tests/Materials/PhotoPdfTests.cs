using CsCheck;
using WorkflowEngine.Runtime.Materials.Photos;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Runtime.Tests.Materials;

/// <summary>The PDF made of photographed pages, read back as a PDF reader would read it.</summary>
public sealed class PhotoPdfTests
{
    private static byte[] Assemble(params byte[][] photos)
    {
        var pages = photos.Select(p => new MemoryStream(p)).Select(s => (PhotoReader.Read(s), (Stream)s)).ToList();
        using var pdf = new MemoryStream();
        PhotoPdf.Write(pages, pdf);
        return pdf.ToArray();
    }

    [Fact]
    public void Write_TwoJpegs_OneA4PagePerPhotoInOrderWithTheJpegsUntouched()
    {
        var first = TestPhotos.Jpeg(3000, 4000);
        var second = TestPhotos.Jpeg(1200, 1600);

        var pages = TestPdf.Pages(Assemble(first, second));

        Assert.Equal(2, pages.Count);
        Assert.All(pages, p => Assert.Equal((595.276, 841.89), (p.Width, p.Height)));
        Assert.Equal((3000, 4000, "DCTDecode", "DeviceRGB"), (pages[0].Image.Width, pages[0].Image.Height, pages[0].Image.Filter, pages[0].Image.ColorSpace));
        Assert.Equal(first, pages[0].Image.Data);
        Assert.Equal(second, pages[1].Image.Data);
    }

    [Fact]
    public void Write_Png_DecodedToRgbThroughEveryRowFilter()
    {
        var pages = TestPdf.Pages(Assemble(TestPhotos.Png(23, 17)));

        var image = Assert.Single(pages).Image;
        Assert.Equal((23, 17, "FlateDecode", "DeviceRGB"), (image.Width, image.Height, image.Filter, image.ColorSpace));
        var rgb = image.Inflated();
        Assert.Equal(23 * 17 * 3, rgb.Length);
        for (var y = 0; y < 17; y++)
        {
            for (var x = 0; x < 23; x++)
            {
                var at = ((y * 23) + x) * 3;
                Assert.Equal(TestPhotos.PixelAt(x, y), (rgb[at], rgb[at + 1], rgb[at + 2]));
            }
        }
    }

    [Fact]
    public void Write_TransparentPng_LaidOnWhitePaper()
    {
        var rgb = Assert.Single(TestPdf.Pages(Assemble(TestPhotos.Png(4, 4, withAlpha: true, alpha: 0)))).Image.Inflated();

        Assert.All(rgb, b => Assert.Equal(255, b));
    }

    [Fact]
    public void Write_LandscapePhoto_LandscapePageFilledAcross()
    {
        var page = Assert.Single(TestPdf.Pages(Assemble(TestPhotos.Jpeg(4000, 2000))));

        Assert.Equal((841.89, 595.276), (page.Width, page.Height));
        Assert.Equal(841.89, page.Matrix[0], 2);
    }

    [Fact]
    public void Write_PhoneHeldUpright_StoredSidewaysJpegTurnedOntoAPortraitPage()
    {
        // A phone stores its sensor's landscape pixels and says "turn 90° clockwise" in EXIF (orientation 6).
        var page = Assert.Single(TestPdf.Pages(Assemble(TestPhotos.Jpeg(4000, 3000, orientation: 6))));

        Assert.Equal((595.276, 841.89), (page.Width, page.Height));
        Assert.Equal((4000, 3000), (page.Image.Width, page.Image.Height));
        var (x0, y0, x1, y1) = Box(page.Matrix);
        Assert.Equal(595.276, x1 - x0, 2);
        Assert.Equal(595.276 * 4 / 3, y1 - y0, 2);
    }

    [Fact]
    public void Read_RenamedTextFile_RefusedAsNotAPhoto()
    {
        var refusal = Assert.Throws<PhotoRefusedException>(() => PhotoReader.Read(new MemoryStream("这不是照片"u8.ToArray())));

        Assert.Contains("不是 JPG 或 PNG", refusal.Zh);
        Assert.Contains("not a JPG or PNG", refusal.En);
    }

    [Fact]
    public void Read_PngClaimingAHugeSize_RefusedBeforeAnythingIsDecoded()
    {
        var refusal = Assert.Throws<PhotoRefusedException>(() => PhotoReader.Read(new MemoryStream(TestPhotos.PngClaiming(100_000, 100_000))));

        Assert.Contains("100000×100000", refusal.Zh);
    }

    [Fact]
    public void Read_JpegClaimingAHugeSize_Refused()
    {
        Assert.Throws<PhotoRefusedException>(() => PhotoReader.Read(new MemoryStream(TestPhotos.Jpeg(65_000, 65_000))));
    }

    [Fact]
    public void Read_TruncatedJpeg_RefusedNotThrownAsAnotherError()
    {
        var jpeg = TestPhotos.Jpeg(800, 600);

        Assert.Throws<PhotoRefusedException>(() => PhotoReader.Read(new MemoryStream(jpeg[..25])));
    }

    [Fact]
    public void Write_PngWhoseDataEndsEarly_RefusedAsDamaged()
    {
        var png = TestPhotos.Png(40, 40);
        var stream = new MemoryStream(png[..(png.Length - 40)]);
        var photo = PhotoReader.Read(stream);

        Assert.Throws<PhotoRefusedException>(() => PhotoPdf.Write([(photo, stream)], new MemoryStream()));
    }

    /// <summary>The box the image covers on its page: where the unit square's corners land under the matrix.</summary>
    private static (double X0, double Y0, double X1, double Y1) Box(double[] m)
    {
        var corners = new[] { (0d, 0d), (1d, 0d), (0d, 1d), (1d, 1d) }.Select(c => ((m[0] * c.Item1) + (m[2] * c.Item2) + m[4], (m[1] * c.Item1) + (m[3] * c.Item2) + m[5])).ToList();
        return (corners.Min(c => c.Item1), corners.Min(c => c.Item2), corners.Max(c => c.Item1), corners.Max(c => c.Item2));
    }

    [Fact]
    public void Write_AnyPhotosInAnyOrientation_AValidPdfWithEachPhotoWholeOnItsOwnPageAsLargeAsFits()
    {
        var photo = Gen.Select(Gen.Int[1, 6000], Gen.Int[1, 6000], Gen.Int[1, 8], Gen.Bool, Gen.Int[1, 30], Gen.Int[1, 30]);
        photo.Array[1, 6].Sample(photos =>
        {
            var files = photos.Select(p => p.Item4 ? TestPhotos.Png(p.Item5, p.Item6) : TestPhotos.Jpeg(p.Item1, p.Item2, p.Item3)).ToArray();

            var pages = TestPdf.Pages(Assemble(files));

            Assert.Equal(photos.Length, pages.Count);
            for (var i = 0; i < pages.Count; i++)
            {
                var (width, height, orientation, png, pngWidth, pngHeight) = photos[i];
                (width, height, orientation) = png ? (pngWidth, pngHeight, 1) : (width, height, orientation);
                Assert.Equal((width, height), (pages[i].Image.Width, pages[i].Image.Height));
                var (shownWidth, shownHeight) = orientation >= 5 ? (height, width) : (width, height);
                Assert.Equal(shownWidth > shownHeight, pages[i].Width > pages[i].Height);

                var (x0, y0, x1, y1) = Box(pages[i].Matrix);
                Assert.InRange(x0, -0.01, pages[i].Width);
                Assert.InRange(y0, -0.01, pages[i].Height);
                Assert.InRange(x1, 0, pages[i].Width + 0.01);
                Assert.InRange(y1, 0, pages[i].Height + 0.01);
                Assert.True(Math.Abs(x1 - x0 - pages[i].Width) < 0.01 || Math.Abs(y1 - y0 - pages[i].Height) < 0.01, "the photo fills the page's width or its height");
                Assert.Equal((double)shownWidth / shownHeight, (x1 - x0) / (y1 - y0), (double)shownWidth / shownHeight * 0.01 + 0.01);
            }
        }, iter: 60);
    }
}
