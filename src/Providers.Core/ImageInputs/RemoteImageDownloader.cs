using System.Buffers;
using System.Net;
using Providers.Core.Imaging;

namespace Providers.Core;

/// <summary>Downloads http(s) image inputs within a size cap and a timeout, and checks that they are images.</summary>
internal sealed class RemoteImageDownloader(HttpClient httpClient, ImageDownloadOptions options, string serviceName)
{
    private const int ChunkSize = 81920;

    public async Task<byte[]> DownloadAsync(Uri uri, int index, CancellationToken cancellationToken)
    {
        string what = $"Image input {index} ({ImageInputLoader.Describe(uri)})";
        using var deadline = new CancellationTokenSource(options.Timeout, options.TimeProvider);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failed(uri, index, $"{what} could not be downloaded: the host answered {(int)response.StatusCode} ({response.ReasonPhrase}).",
                    response.StatusCode, ProviderException.IsTransientStatus(response.StatusCode));
            }

            if (response.Content.Headers.ContentLength > options.MaxBytes)
            {
                throw TooLarge(uri, index, what, response.Content.Headers.ContentLength.Value);
            }

            var bytes = await ReadCappedAsync(response, uri, index, what, timeout.Token).ConfigureAwait(false);
            if (!ImageHeader.TryRead(bytes, out _))
            {
                throw Failed(uri, index, $"{ImageHeader.ExplainUnreadable(bytes, what)} Its Content-Type is " +
                    $"{response.Content.Headers.ContentType?.MediaType ?? "not given"}; nothing was sent.", response.StatusCode, retryable: false);
            }

            return bytes;
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failed(uri, index, $"{what} did not download within {options.Timeout.TotalSeconds:0.###} s.", null, retryable: true, e);
        }
        catch (HttpRequestException e)
        {
            throw Failed(uri, index, $"{what} could not be downloaded: {e.Message}", null, retryable: true, e);
        }
        catch (IOException e)
        {
            throw Failed(uri, index, $"{what}: the connection broke during the download.", null, retryable: true, e);
        }
    }

    private async Task<byte[]> ReadCappedAsync(HttpResponseMessage response, Uri uri, int index, string what, CancellationToken cancellationToken)
    {
        long expected = response.Content.Headers.ContentLength ?? ChunkSize;
        using var buffer = new MemoryStream((int)Math.Min(expected, options.MaxBytes));
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            byte[] chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > options.MaxBytes)
                    {
                        throw TooLarge(uri, index, what, buffer.Length + read);
                    }

                    buffer.Write(chunk, 0, read);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk);
            }
        }

        return buffer.ToArray();
    }

    private ImageLoadException TooLarge(Uri uri, int index, string what, long bytes) =>
        Failed(uri, index, $"{what} is larger than the {options.MaxBytes}-byte limit ({bytes} bytes or more); nothing was sent.", null, retryable: false);

    private ImageLoadException Failed(Uri uri, int index, string message, HttpStatusCode? status, bool retryable, Exception? inner = null) =>
        new(serviceName, uri, index, message, inner) { StatusCode = status, IsRetryable = retryable };
}
