using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Faults;
using Providers.Emulator.Hosting;
using Providers.Emulator.Streaming;

namespace Providers.Emulator.OpenAi;

/// <summary>
/// Writes the OpenAI embeddings envelope <c>{"object":"list","data":[{"object":"embedding","index","embedding"}],"model","usage"}</c>,
/// applying the request's vector faults on the way.
/// </summary>
internal static class EmbeddingListWriter
{
    /// <param name="context">The request.</param>
    /// <param name="vectors">One vector per input, in input order.</param>
    /// <param name="model">The model id to echo, or null to leave the field out (OVMS).</param>
    /// <param name="base64">Whether to send base64 little-endian float32 instead of numbers.</param>
    /// <param name="promptTokens">The usage figure.</param>
    public static Task WriteAsync(HttpContext context, List<float[]> vectors, string? model, bool base64, int promptTokens)
    {
        VectorFaults.Apply(vectors, RequestFaults.Of(context));
        return WriteAsync(context, vectors.Count, (writer, i) =>
        {
            if (base64)
            {
                VectorJson.WriteBase64(writer, vectors[i]);
            }
            else
            {
                VectorJson.WriteFloats(writer, vectors[i]);
            }
        }, model, promptTokens);
    }

    /// <summary>The same envelope with a <c>[tokens][dim]</c> matrix per input (SV Ray multi-vector endpoints).</summary>
    public static Task WriteMatricesAsync(HttpContext context, List<List<float[]>> matrices, string? model, int promptTokens)
    {
        VectorFaults.Apply(matrices, RequestFaults.Of(context));
        return WriteAsync(context, matrices.Count, (writer, i) => VectorJson.WriteMatrix(writer, matrices[i]), model, promptTokens);
    }

    private static async Task WriteAsync(HttpContext context, int count, Action<Utf8JsonWriter, int> writeEmbedding, string? model, int promptTokens)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.WriterOptions);
        writer.WriteStartObject();
        writer.WriteString("object", "list");
        writer.WriteStartArray("data");
        for (var i = 0; i < count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("object", "embedding");
            writer.WriteNumber("index", i);
            writer.WritePropertyName("embedding");
            writeEmbedding(writer, i);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        if (model is not null)
        {
            writer.WriteString("model", model);
        }

        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", promptTokens);
        writer.WriteNumber("total_tokens", promptTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
