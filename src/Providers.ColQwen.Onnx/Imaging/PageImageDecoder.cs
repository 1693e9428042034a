using System.Buffers;
using SkiaSharp;

namespace Providers.ColQwen.Onnx.Imaging;

/// <summary>Decodes a page (PNG, JPEG, WebP, GIF or BMP) into 8-bit RGBA, as Pillow's <c>convert("RGB")</c> sees it.</summary>
/// <remarks>
/// No colour-space conversion (Pillow ignores ICC profiles), no EXIF rotation (neither colpali nor the Qwen2-VL
/// processor applies it), and unpremultiplied alpha so colour channels keep their stored values: colpali's
/// <c>convert("RGB")</c> drops alpha rather than compositing it.
/// </remarks>
internal static class PageImageDecoder
{
    /// <summary>Decodes into a pooled RGBA buffer; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static byte[] DecodeRgba(ReadOnlySpan<byte> encoded, out int width, out int height, out string? failure)
    {
        using var data = SKData.CreateCopy(encoded);
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            width = height = 0;
            failure = "the data is not an image Skia can decode (PNG, JPEG, WebP, GIF, BMP)";
            return [];
        }

        width = codec.Info.Width;
        height = codec.Info.Height;
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        byte[] pixels = ArrayPool<byte>.Shared.Rent(info.BytesSize);
        SKCodecResult result;
        unsafe
        {
            fixed (byte* destination = pixels)
            {
                result = codec.GetPixels(info, (IntPtr)destination);
            }
        }

        if (result != SKCodecResult.Success)
        {
            ArrayPool<byte>.Shared.Return(pixels);
            failure = result == SKCodecResult.IncompleteInput
                ? "the image data is truncated"
                : $"the image could not be decoded ({result})";
            return [];
        }

        failure = null;
        return pixels;
    }
}
