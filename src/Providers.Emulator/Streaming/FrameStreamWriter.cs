using System.Text.Json.Nodes;
using System.Text;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Errors;
using Providers.Emulator.Faults;
using Providers.Emulator.Hosting;

namespace Providers.Emulator.Streaming;

/// <summary>How a stream frames its chunks.</summary>
internal enum FrameFormat
{
    /// <summary><c>data: {json}\n\n</c> frames ending with <c>data: [DONE]</c> (OpenAI, LiteLLM, vLLM).</summary>
    ServerSentEvents,

    /// <summary>One JSON object per line, the last one saying <c>"done":true</c> (Ollama).</summary>
    NdJson,
}

/// <summary>
/// Writes a streamed response frame by frame, flushing each, and honours the stream faults of the request:
/// after the planned number of frames it stops dead, sends one error frame and stops, or resets the connection.
/// </summary>
internal sealed class FrameStreamWriter(HttpContext context, FrameFormat format, ErrorShape errors)
{
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private readonly FaultAction? _fault = RequestFaults.Of(context).Stream;
    private int _frames;

    /// <summary>True once a fault ended the stream; the caller should stop producing frames.</summary>
    public bool Stopped { get; private set; }

    public Task StartAsync()
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = format == FrameFormat.ServerSentEvents ? "text/event-stream; charset=utf-8" : "application/x-ndjson";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.StartAsync(context.RequestAborted);
    }

    /// <summary>Writes one frame; false when a fault has ended the stream instead.</summary>
    public async Task<bool> WriteAsync(JsonNode frame)
    {
        if (Stopped)
        {
            return false;
        }

        if (_fault is ResetStreamAction reset && _frames >= reset.Frames)
        {
            // The frames (and headers) before it are flushed, and a flush returns only once the socket took them
            // (see EmulatorApp), so the client has them all when the reset comes.
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
            context.Abort();
            Stopped = true;
            return false;
        }

        if (_fault is TruncateStreamAction truncate && _frames >= truncate.Frames)
        {
            Stopped = true;
            return false;
        }

        if (_fault is ErrorFrameAction error && _frames >= error.Frames)
        {
            await WriteRawAsync(errors.Body(StatusCodes.Status500InternalServerError, "The model server failed while streaming.")).ConfigureAwait(false);
            Stopped = true;
            return false;
        }

        await WriteRawAsync(frame).ConfigureAwait(false);
        _frames++;
        return true;
    }

    /// <summary>Ends the stream properly, unless a fault already ended it.</summary>
    public async Task CompleteAsync()
    {
        if (!Stopped && format == FrameFormat.ServerSentEvents)
        {
            await context.Response.Body.WriteAsync(Done, context.RequestAborted).ConfigureAwait(false);
            await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        }
    }

    private async Task WriteRawAsync(JsonNode frame)
    {
        var json = frame.ToJsonString(JsonOutput.Options);
        var text = format == FrameFormat.ServerSentEvents ? $"data: {json}\n\n" : json + "\n";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), context.RequestAborted).ConfigureAwait(false);
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
