using Microsoft.Extensions.AI;
using Providers.Core.Imaging;

namespace Providers.Core;

/// <summary>
/// The one way page- and image-embedding generators take their inputs: a <see cref="DataContent"/> (bytes, or a
/// <c>data:</c> URI), or a <see cref="UriContent"/> whose address is a <c>data:</c> URI, a <c>file:</c> path or an
/// http(s) URL. Addresses are fetched by the client, within <see cref="ImageDownloadOptions"/>' size and time limits,
/// and every image's header is checked, so a service never sees a URL or a file that is not a PNG, JPEG, WebP, GIF or BMP.
/// </summary>
public sealed class ImageInputLoader
{
    private const int MaxConcurrentLoads = 4;

    // One pooled client for generators built without one (no DI); pooled connections are recycled so DNS changes show.
    private static readonly Lazy<HttpClient> SharedHttpClient = new(() =>
        new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan });

    private readonly string _serviceName;
    private readonly ImageDownloadOptions _options;
    private readonly RemoteImageDownloader _downloader;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="serviceName">The service the images are for, named in errors.</param>
    /// <param name="options">The size and time limits.</param>
    /// <param name="httpClient">Downloads http(s) images (not disposed); a shared pooled client when <see langword="null"/>.</param>
    public ImageInputLoader(string serviceName, ImageDownloadOptions options, HttpClient? httpClient = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        ArgumentNullException.ThrowIfNull(options);
        _serviceName = serviceName;
        _options = options;
        _downloader = new RemoteImageDownloader(httpClient ?? SharedHttpClient.Value, options, serviceName);
    }

    /// <summary>Tells whether <paramref name="content"/> is of a type that can carry an image (its bytes or address are checked elsewhere).</summary>
    /// <param name="content">The input.</param>
    public static bool IsImage(AIContent? content) => content is DataContent or UriContent;

    /// <summary>Checks one image input without fetching anything: its type, its address's scheme, and the header of bytes at hand.</summary>
    /// <param name="content">The input.</param>
    /// <param name="index">Its position in the caller's list, for the message.</param>
    /// <param name="parameterName">The parameter the inputs came in.</param>
    /// <exception cref="ArgumentException">The input is not an image, or not one this loader can fetch; the message names <paramref name="index"/>.</exception>
    public static void ThrowIfInvalid(AIContent? content, int index, string parameterName = "values")
    {
        switch (content)
        {
            case DataContent data:
                ImageHeader.Read(data.Data.Span, $"Input {index} ({data.MediaType})", parameterName);
                break;
            case UriContent { Uri: { IsAbsoluteUri: true, Scheme: "data" } uri }:
                ReadDataUri(uri, index, parameterName);
                break;
            case UriContent { Uri: { IsAbsoluteUri: true, Scheme: "file" or "http" or "https" } }:
                break;
            case UriContent { Uri: var uri }:
                throw new ArgumentException(
                    $"Input {index} is {(uri.IsAbsoluteUri ? $"a '{uri.Scheme}' URI" : "a relative URI")}; images are loaded from data:, file:, http: and https: addresses only.",
                    parameterName);
            case var other:
                throw new ArgumentException(
                    $"Input {index} is {other?.GetType().Name ?? "null"}, not an image: give a DataContent, or a UriContent with a data:, file:, http: or https: address.",
                    parameterName);
        }
    }

    /// <summary>Checks every input, then fetches the ones given by address, four at a time.</summary>
    /// <param name="inputs">The caller's inputs.</param>
    /// <param name="cancellationToken">Cancels the loads.</param>
    /// <returns>One <see cref="DataContent"/> per input, in order, typed by its actual format.</returns>
    /// <exception cref="ArgumentException">An input is not an image, or not one this loader can fetch; nothing was fetched.</exception>
    /// <exception cref="ImageLoadException">An address could not be fetched, was too large or slow, or did not hold an image.</exception>
    public Task<DataContent[]> LoadAsync(IReadOnlyList<AIContent> inputs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return LoadAsync(inputs, [.. Enumerable.Range(0, inputs.Count)], cancellationToken);
    }

    /// <summary>Checks the inputs at <paramref name="indices"/>, then fetches the ones given by address, four at a time.</summary>
    /// <param name="inputs">The caller's inputs.</param>
    /// <param name="indices">Which of them are images.</param>
    /// <param name="cancellationToken">Cancels the loads.</param>
    /// <returns>One <see cref="DataContent"/> per index, in the order of <paramref name="indices"/>.</returns>
    /// <exception cref="ArgumentException">An input is not an image, or not one this loader can fetch; nothing was fetched.</exception>
    /// <exception cref="ImageLoadException">An address could not be fetched, was too large or slow, or did not hold an image.</exception>
    public async Task<DataContent[]> LoadAsync(IReadOnlyList<AIContent> inputs, IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(indices);

        // Every input is checked (data: URIs decoded once) before anything is fetched.
        var loaded = new DataContent[indices.Count];
        var remote = new List<int>();
        for (int k = 0; k < indices.Count; k++)
        {
            int index = indices[k];
            switch (inputs[index])
            {
                case DataContent data:
                    ThrowIfInvalid(data, index);
                    loaded[k] = data;
                    break;
                case UriContent { Uri: { IsAbsoluteUri: true, Scheme: "data" } } link:
                    loaded[k] = Typed(ReadDataUri(link.Uri, index, "values").Data, link);
                    break;
                case var other:
                    ThrowIfInvalid(other, index);
                    remote.Add(k);
                    break;
            }
        }

        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = MaxConcurrentLoads, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(remote, parallelism, async (k, ct) =>
        {
            var link = (UriContent)inputs[indices[k]];
            byte[] bytes = link.Uri.IsFile
                ? await ReadFileAsync(link.Uri, indices[k], ct).ConfigureAwait(false)
                : await _downloader.DownloadAsync(link.Uri, indices[k], ct).ConfigureAwait(false);
            loaded[k] = Typed(bytes, link);
        }).ConfigureAwait(false);

        return loaded;
    }

    /// <summary>Names an address for a message: scheme, host and path, never the user info (a password) or the query (a signature).</summary>
    internal static string Describe(Uri uri) => uri.IsFile ? uri.LocalPath : $"{uri.Scheme}://{uri.Authority}{uri.AbsolutePath}";

    private static DataContent ReadDataUri(Uri uri, int index, string parameterName)
    {
        DataContent data;
        try
        {
            data = new DataContent(uri);
        }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException)
        {
            throw new ArgumentException($"Input {index} is a data: URI that cannot be read: {e.Message}", parameterName, e);
        }

        ImageHeader.Read(data.Data.Span, $"Input {index} (data: URI, {data.MediaType})", parameterName);
        return data;
    }

    private static DataContent Typed(ReadOnlyMemory<byte> bytes, UriContent link) =>
        new(bytes, ImageHeader.TryRead(bytes.Span, out var header) ? header.MediaType : link.MediaType) { Name = Path.GetFileName(link.Uri.AbsolutePath) };

    private async Task<byte[]> ReadFileAsync(Uri uri, int index, CancellationToken cancellationToken)
    {
        string path = uri.LocalPath;
        string what = $"Image input {index} ({path})";
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > _options.MaxBytes)
            {
                throw Failed(uri, index, $"{what} is larger than the {_options.MaxBytes}-byte limit ({length} bytes); nothing was sent.");
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failed(uri, index, $"{what} could not be read: {e.Message}", e);
        }

        return ImageHeader.TryRead(bytes, out _) ? bytes : throw Failed(uri, index, $"{ImageHeader.ExplainUnreadable(bytes, what)} Nothing was sent.");
    }

    private ImageLoadException Failed(Uri uri, int index, string message, Exception? inner = null) =>
        new(_serviceName, uri, index, message, inner) { IsRetryable = false };
}
