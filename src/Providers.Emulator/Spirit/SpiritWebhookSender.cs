using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.Json;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Spirit;

/// <summary>
/// POSTs an async request's outcome to its webhook: <c>?requestID=R&amp;statusCode=200|408|500</c>, body the raw
/// result or <c>{"error":..}</c>. Retries 3 times on connection errors only; any answer but 200 fails the request.
/// Webhooks are loopback-only (checked when the request is accepted).
/// </summary>
internal sealed class SpiritWebhookSender : IDisposable
{
    private const int Retries = 3;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(100);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public async Task NotifyAsync(SpiritJob job, CancellationToken cancellationToken)
    {
        var separator = string.IsNullOrEmpty(job.Webhook!.Query) ? "?" : "&";
        var target = new Uri(string.Create(CultureInfo.InvariantCulture,
            $"{job.Webhook}{separator}requestID={Uri.EscapeDataString(job.Id)}&statusCode={job.StatusCode}"));
        var body = job.Result ?? JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["error"] = job.Message }, JsonOutput.Options);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new("application/json");
                using var response = await _http.PostAsync(target, content, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    job.FailAfterWebhook($"webhook answered {(int)response.StatusCode}");
                }

                return;
            }
            catch (HttpRequestException) when (attempt < Retries)
            {
                await Task.Delay(RetryDelay, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                job.FailAfterWebhook($"webhook unreachable: {ex.Message}");
                return;
            }
        }
    }

    public void Dispose() => _http.Dispose();
}
