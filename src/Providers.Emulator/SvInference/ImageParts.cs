using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.OpenAi;
using SkiaSharp;

namespace Providers.Emulator.SvInference;

/// <summary>
/// Checks a vision request's images as vLLM would (limit per prompt, data URIs that must decode, no local
/// files) and describes each for the stand-in answer. http(s) images are counted but never fetched: the
/// emulator does not reach off the machine.
/// </summary>
internal static class ImageParts
{
    private static readonly SKEncodedImageFormat[] Accepted = [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Webp];

    public static IReadOnlyList<string> Describe(ChatRequest request, int maxImagesPerPrompt)
    {
        if (request.ImageCount > maxImagesPerPrompt)
        {
            throw new RequestRejectedException(400, $"At most {maxImagesPerPrompt} image(s) may be provided in one prompt.");
        }

        return [.. request.Messages.SelectMany(m => m.ImageUrls).Select(DescribeOne)];
    }

    private static string DescribeOne(string url)
    {
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            return DescribeDataUri(url);
        }

        if (url.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRejectedException(400, "Cannot load local files without `--allowed-local-media-path`.");
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return $"an image from {uri.Host}";
        }

        throw new RequestRejectedException(400, "The URL must be either a HTTP, data or file URL.");
    }

    private static string DescribeDataUri(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || !url[..comma].EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
        {
            throw new RequestRejectedException(400, "Invalid data URL: expected data:<media type>;base64,<data>.");
        }

        using var image = Base64Image.TryDecode(url[(comma + 1)..]);
        if (image is null || !Accepted.Contains(image.Format))
        {
            throw new RequestRejectedException(400, "Failed to load image: cannot identify image file.");
        }

        return ImageEmbedder.Describe(image);
    }
}
