using Microsoft.Extensions.AI;
using Providers.Core.Imaging;

namespace Providers.SvRay;

/// <summary>
/// Turns image inputs into what the cluster reads: plain base64 of the file bytes, no <c>data:</c> prefix.
/// <see cref="DataContent"/> is checked and encoded; an http(s) <see cref="UriContent"/> is downloaded first, since
/// the URL must never reach the server.
/// </summary>
internal sealed class ImageInputEncoder(RemoteImageDownloader downloader)
{
    private const int MaxConcurrentDownloads = 4;

    public static bool IsImage(AIContent? content) => content is DataContent or UriContent;

    /// <summary>Encodes the image inputs at <paramref name="indices"/>, checking every local one before any download starts.</summary>
    /// <exception cref="ArgumentException">An input is not a supported image (or its header is truncated), or a URI is not absolute http(s).</exception>
    /// <exception cref="ImageDownloadException">A remote image could not be downloaded or is not an image.</exception>
    public async Task<string[]> EncodeAsync(IReadOnlyList<AIContent> inputs, IReadOnlyList<int> indices, CancellationToken cancellationToken)
    {
        var encoded = new string[indices.Count];
        var remote = new List<int>();
        for (int k = 0; k < indices.Count; k++)
        {
            int index = indices[k];
            switch (inputs[index])
            {
                case DataContent data:
                    ImageHeader.Read(data.Data.Span, $"Input {index} ({data.MediaType})", "values");
                    encoded[k] = Convert.ToBase64String(data.Data.Span);
                    break;
                case UriContent { Uri: { IsAbsoluteUri: true, Scheme: "http" or "https" } }:
                    remote.Add(k);
                    break;
                case UriContent other:
                    throw new ArgumentException(
                        $"Input {index} is the URI '{other.Uri}'; only absolute http and https images are downloaded. " +
                        $"Load local files with {nameof(SvRayImageInputs)}.{nameof(SvRayImageInputs.LoadFileAsync)}.", "values");
                case var other:
                    throw new ArgumentException(
                        $"Input {index} is {other?.GetType().Name ?? "null"}, not an image: give DataContent images or http(s) UriContent.", "values");
            }
        }

        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentDownloads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(remote, parallelism, async (k, ct) =>
        {
            var bytes = await downloader.DownloadAsync(((UriContent)inputs[indices[k]]).Uri, indices[k], ct).ConfigureAwait(false);
            encoded[k] = Convert.ToBase64String(bytes.Span);
        }).ConfigureAwait(false);

        return encoded;
    }
}
