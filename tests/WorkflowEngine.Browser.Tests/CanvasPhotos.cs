using Microsoft.Playwright;
using WorkflowEngine.Testing;

namespace WorkflowEngine.Browser.Tests;

/// <summary>
/// Photos a browser can show: real JPEGs the page's own browser draws on a canvas and encodes
/// (<c>toBlob('image/jpeg')</c>), each a sheet of paper with a large mark (a page number, a letter) on a colour of its own, so the thumbnails
/// and the screenshots tell the photos apart. <see cref="TestPhotos.Jpeg"/>'s headers-only stand-in is enough for the
/// server, which embeds a JPEG without decoding it, but a browser shows it as a broken image.
/// </summary>
public static class CanvasPhotos
{
    /// <summary>A <paramref name="width"/>×<paramref name="height"/> JPEG showing <paramref name="mark"/> large, with an EXIF orientation when not 1.</summary>
    public static async Task<byte[]> JpegAsync(IPage page, int width, int height, string mark, int orientation = 1)
    {
        var base64 = await page.EvaluateAsync<string>(
            """
            async ({ width, height, mark }) => {
              const canvas = document.createElement('canvas');
              canvas.width = width;
              canvas.height = height;
              const g = canvas.getContext('2d');
              // A sheet of paper on a table: the table's colour differs from photo to photo.
              g.fillStyle = `hsl(${(mark.charCodeAt(0) * 97) % 360}, 55%, 45%)`;
              g.fillRect(0, 0, width, height);
              const margin = Math.round(Math.min(width, height) * 0.08);
              g.fillStyle = '#fbfaf5';
              g.fillRect(margin, margin, width - 2 * margin, height - 2 * margin);
              g.fillStyle = '#c9ccd1';
              for (let y = margin * 2.5; y < height - margin * 2; y += margin * 0.6) {
                g.fillRect(margin * 1.6, y, width - margin * 3.2, Math.max(2, margin * 0.08));
              }
              g.fillStyle = '#1a1a1a';
              g.textAlign = 'center';
              g.textBaseline = 'middle';
              g.font = `700 ${Math.round(Math.min(width, height) * 0.55)}px sans-serif`;
              g.fillText(mark, width / 2, height / 2);
              const blob = await new Promise(done => canvas.toBlob(done, 'image/jpeg', 0.85));
              const bytes = new Uint8Array(await blob.arrayBuffer());
              let binary = '';
              for (let i = 0; i < bytes.length; i += 0x8000) {
                binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
              }
              return btoa(binary);
            }
            """,
            new { width, height, mark });
        var jpeg = Convert.FromBase64String(base64);
        return orientation == 1 ? jpeg : TestPhotos.WithOrientation(jpeg, orientation);
    }

    /// <summary>
    /// Every thumbnail in <paramref name="list"/> has loaded and decoded (a broken image has no natural width), so the
    /// applicant sees each photo rather than a broken-image sign.
    /// </summary>
    public static async Task AssertThumbnailsShownAsync(ILocator list, int count)
    {
        var thumbnails = list.Locator("img");
        await Assertions.Expect(thumbnails).ToHaveCountAsync(count);
        for (var i = 0; i < count; i++)
        {
            await Assertions.Expect(thumbnails.Nth(i)).ToHaveJSPropertyAsync("complete", true);
            var width = await thumbnails.Nth(i).EvaluateAsync<int>("img => img.naturalWidth");
            Assert.True(width > 0, $"Thumbnail {i + 1} of {count} did not decode: the applicant sees a broken image");
        }
    }
}
