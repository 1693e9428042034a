using System.Text.Json;
using Providers.Core;

namespace Providers.Spirit;

/// <summary>What the Microsoft.Extensions.AI adapters share: running the handler, and reading its output with the caller's mapping.</summary>
internal static class SpiritHandlerRun
{
    public static async Task<SpiritResult> RunAsync(SpiritJobClient client, JsonElement input, SpiritInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation == SpiritInvocation.Sync)
        {
            return await client.RunSyncAsync(input, cancellationToken).ConfigureAwait(false);
        }

        var job = await client.SubmitAsync(input, options: null, cancellationToken).ConfigureAwait(false);
        return await job.WaitForResultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs the caller's output mapping, reporting the usual ways it fails on unexpected output as an invalid answer.</summary>
    public static T Read<T>(SpiritResult result, Func<SpiritResult, T> read, string what)
    {
        try
        {
            return read(result);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
        {
            throw new InvalidResponseException(SpiritJobClient.ServiceName, $"The Spirit-GPU handler's output ({result}) could not be read as {what}: {e.Message}", e);
        }
    }
}
