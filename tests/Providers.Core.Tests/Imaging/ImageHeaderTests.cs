using System.Buffers.Binary;
using Providers.Core.Imaging;
using Providers.Core.Tests.Support;
using SkiaSharp;

namespace Providers.Core.Tests.Imaging;

public sealed class ImageHeaderTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Png, ImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg, ImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp, ImageFormat.WebP)]
    public void Reads_the_size_of_an_encoded_image(SKEncodedImageFormat encoding, ImageFormat format)
    {
        byte[] image = TestImages.Encode(1234, 567, SKColors.Teal, encoding);

        Assert.True(ImageHeader.TryRead(image, out var header));
        Assert.Equal(new ImageHeader(format, 1234, 567), header);
    }

    [Fact]
    public void Reads_a_lossless_WebP()
    {
        byte[] image = EncodeWebP(300, 200, SKColors.Teal, lossless: true);

        Assert.Equal("VP8L", System.Text.Encoding.ASCII.GetString(image, 12, 4));
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 300, 200), ImageHeader.Read(image, "image"));
    }

    [Fact]
    public void Reads_an_extended_WebP_with_transparency()
    {
        byte[] image = EncodeWebP(300, 200, SKColors.Teal.WithAlpha(100), lossless: false);

        Assert.Equal("VP8X", System.Text.Encoding.ASCII.GetString(image, 12, 4));
        Assert.Equal(new ImageHeader(ImageFormat.WebP, 300, 200), ImageHeader.Read(image, "image"));
    }

    [Fact]
    public void Reads_a_progressive_JPEG_whose_frame_header_follows_other_segments()
    {
        byte[] image =
        [
            0xFF, 0xD8,
            0xFF, 0xE1, 0x00, 0x06, (byte)'E', (byte)'x', (byte)'i', (byte)'f', // APP1
            0xFF, 0xFF, // fill byte
            0xFF, 0xC4, 0x00, 0x03, 0x00, // DHT, which shares the SOF range
            0xFF, 0xC2, 0x00, 0x11, 0x08, 0x02, 0x58, 0x03, 0x20, 0x03, // SOF2: 8 bits, 600 high, 800 wide
        ];

        Assert.Equal(new ImageHeader(ImageFormat.Jpeg, 800, 600), ImageHeader.Read(image, "image"));
    }

    [Fact]
    public void Reads_a_GIF()
    {
        byte[] image = [.. "GIF89a"u8, 0x40, 0x01, 0xF0, 0x00, 0x00, 0x00, 0x00];

        Assert.Equal(new ImageHeader(ImageFormat.Gif, 320, 240), ImageHeader.Read(image, "image"));
    }

    [Theory]
    [InlineData(40, 640, -480)]
    [InlineData(124, 640, 480)]
    [InlineData(12, 640, 480)]
    public void Reads_a_bitmap_of_any_header_version_top_down_or_bottom_up(int headerSize, int width, int height)
    {
        var image = new byte[54];
        "BM"u8.CopyTo(image);
        BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(14), headerSize);
        if (headerSize == 12)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(18), (ushort)width);
            BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(20), (ushort)height);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(18), width);
            BinaryPrimitives.WriteInt32LittleEndian(image.AsSpan(22), height);
        }

        Assert.Equal(new ImageHeader(ImageFormat.Bmp, 640, 480), ImageHeader.Read(image, "image"));
    }

    [Fact]
    public void Gives_the_media_type_of_the_format()
    {
        Assert.Equal(["image/png", "image/jpeg", "image/webp", "image/gif", "image/bmp"], Enum.GetValues<ImageFormat>().Select(ImageHeader.GetMediaType));
    }

    [Fact]
    public void Does_not_take_text_that_starts_with_BM_for_a_bitmap()
    {
        byte[] text = "BMW builds cars; this sentence is long enough to hold a header."u8.ToArray();

        Assert.False(ImageHeader.TryRead(text, out _));
    }

    [Fact]
    public void Explains_that_bytes_are_no_supported_image()
    {
        var error = Assert.Throws<ArgumentException>(() => ImageHeader.Read("%PDF-1.7"u8, "Page 3"));

        Assert.Equal("Page 3 is not a PNG, JPEG, WebP, GIF or BMP image (8 bytes starting 255044462D312E37).", error.Message);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png, 20)]
    [InlineData(SKEncodedImageFormat.Jpeg, 30)]
    [InlineData(SKEncodedImageFormat.Webp, 25)]
    public void Explains_that_a_truncated_image_has_no_readable_header(SKEncodedImageFormat encoding, int length)
    {
        byte[] image = TestImages.Encode(64, 64, SKColors.Teal, encoding);

        var error = Assert.Throws<ArgumentException>(() => ImageHeader.Read(image.AsSpan(0, length), "Image 0"));

        Assert.Contains("header is truncated or corrupt", error.Message);
    }

    [Fact]
    public void Refuses_a_PNG_signature_without_its_header()
    {
        byte[] truncated = TestImages.Encode(64, 64, SKColors.Teal, SKEncodedImageFormat.Png)[..16];

        Assert.Equal(ImageFormat.Png, ImageHeader.DetectFormat(truncated));
        Assert.False(ImageHeader.TryRead(truncated, out _));
        Assert.Equal("Page 2 looks like Png but its header is truncated or corrupt (16 bytes).", ImageHeader.ExplainUnreadable(truncated, "Page 2"));
    }

    [Fact]
    public void Explains_that_no_bytes_are_no_image()
    {
        Assert.Equal("Image 0 is empty.", ImageHeader.ExplainUnreadable([], "Image 0"));
    }

    private static byte[] EncodeWebP(int width, int height, SKColor colour, bool lossless)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(colour);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(lossless ? SKWebpEncoderCompression.Lossless : SKWebpEncoderCompression.Lossy, 80));
        return data!.ToArray();
    }
}
