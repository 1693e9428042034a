using Microsoft.Extensions.AI;
using Providers.Core.Imaging;

namespace Providers.SvRay;

/// <summary>
/// Builds inputs for <see cref="SvRayImageEmbeddingGenerator"/> and <see cref="SvRayImageMultiVectorEmbeddingGenerator"/>
/// the way the reference client takes them: image sources that are http(s) URLs or local paths, and texts.
/// </summary>
public static class SvRayImageInputs
{
    /// <summary>Reads a local image file, checking that it is a PNG, JPEG, WebP, GIF or BMP with a readable header.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The image, with its media type taken from its bytes.</returns>
    /// <exception cref="ArgumentException">The file is not a supported image, or its header is truncated.</exception>
    public static async Task<DataContent> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var header = ImageHeader.Read(bytes, $"'{path}'", nameof(path));
        return new DataContent(bytes, header.MediaType) { Name = Path.GetFileName(path) };
    }

    /// <summary>
    /// Turns an image source into an input: an http or https URL becomes a <see cref="UriContent"/> (the generator
    /// downloads it), anything else is read as a local file.
    /// </summary>
    /// <param name="source">A URL or a file path.</param>
    /// <param name="cancellationToken">Cancels a file read.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">A local file is not a supported image.</exception>
    public static async Task<AIContent> FromSourceAsync(string source, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        return Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? new UriContent(uri, "image/*")
            : await LoadFileAsync(source, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Builds the inputs of one call from image sources and texts, as the reference client's <c>embed_image(images, texts)</c>
    /// takes them. The embeddings come back in this list's order: images first, then texts.
    /// </summary>
    /// <param name="imageSources">http(s) URLs or local file paths.</param>
    /// <param name="texts">Texts to embed in the same space.</param>
    /// <param name="cancellationToken">Cancels file reads.</param>
    /// <returns>The inputs.</returns>
    public static async Task<IReadOnlyList<AIContent>> CreateAsync(IEnumerable<string> imageSources, IEnumerable<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(imageSources);
        ArgumentNullException.ThrowIfNull(texts);
        var inputs = new List<AIContent>();
        foreach (string source in imageSources)
        {
            inputs.Add(await FromSourceAsync(source, cancellationToken).ConfigureAwait(false));
        }

        inputs.AddRange(texts.Select(text => new TextContent(text)));
        return inputs;
    }
}
