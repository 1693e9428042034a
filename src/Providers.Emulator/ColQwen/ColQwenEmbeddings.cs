using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Errors;
using Providers.Emulator.Faults;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.Streaming;

namespace Providers.Emulator.ColQwen;

/// <summary>
/// <c>POST /embed/queries</c> and <c>POST /embed/images</c>, with the service's batching and error quirks (and the
/// older plain 3-D image answer under <see cref="EmulatorOptions.ColQwenLegacyShapes"/>).
/// </summary>
internal sealed class ColQwenEmbeddings(EmulatorOptions options)
{
    public async Task EmbedQueriesAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context, StatusCodes.Status422UnprocessableEntity).ConfigureAwait(false);
        var queries = body["queries"] switch
        {
            JsonValue v when v.TryGetValue(out string? one) => [one],
            JsonArray a when a.All(q => q?.GetValueKind() == JsonValueKind.String) => a.Select(q => q!.GetValue<string>()).ToList(),
            null => throw new RequestRejectedException(422, "queries is required", FastApiErrors.ValidationBody("missing", "queries", "Field required", body)),
            var other => throw new RequestRejectedException(422, "queries must be a string or a list of strings",
                FastApiErrors.ValidationBody("string_type", "queries", "Input should be a valid string", other)),
        };

        // The service raises HTTPException(400) inside a try whose handler re-raises everything as a 500.
        if (queries.Count == 0)
        {
            throw new RequestRejectedException(500, "400: No queries provided");
        }

        var sequences = queries.ConvertAll(q => ColQwenSequences.Query(q, options.ColQwenQueryPrefix));
        ColQwenSequences.LeftPad(sequences);
        VectorFaults.Apply(sequences, RequestFaults.Of(context));
        await WriteAsync(context, writer =>
        {
            foreach (var sequence in sequences)
            {
                VectorJson.WriteMatrix(writer, sequence);
            }
        }).ConfigureAwait(false);
    }

    public async Task EmbedImagesAsync(HttpContext context)
    {
        var files = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false)).Files.GetFiles("files")
            : [];
        if (files.Count == 0)
        {
            throw new RequestRejectedException(422, "files is required", FastApiErrors.ValidationBody("missing", "files", "Field required", null));
        }

        var sequences = new List<List<float[]>>(files.Count);
        var patchCounts = new List<int>(files.Count);
        foreach (var file in files)
        {
            if (file.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) != true)
            {
                throw new RequestRejectedException(400, $"File {file.FileName} is not an image");
            }

            using var image = await DecodeAsync(file, context.RequestAborted).ConfigureAwait(false);
            var grid = PatchGrid.For(image.Width, image.Height);
            sequences.Add(ColQwenSequences.Image(image, grid));
            patchCounts.Add(grid.Count);
        }

        var padding = ColQwenSequences.LeftPad(sequences);
        VectorFaults.Apply(sequences, RequestFaults.Of(context));
        await WriteAsync(context, writer =>
        {
            for (var i = 0; i < sequences.Count; i++)
            {
                // Older deployments sent the padded batch as it came out of the model, without the image spans.
                if (options.ColQwenLegacyShapes)
                {
                    VectorJson.WriteMatrix(writer, sequences[i]);
                    continue;
                }

                var source = i < patchCounts.Count ? i : 0;
                writer.WriteStartObject();
                writer.WritePropertyName("embedding");
                VectorJson.WriteMatrix(writer, sequences[i]);
                writer.WriteNumber("image_patch_start", padding[source] + ColQwenSequences.ImagePrefixTokens);
                writer.WriteNumber("image_patch_len", patchCounts[source]);
                writer.WriteEndObject();
            }
        }).ConfigureAwait(false);
    }

    private static async Task<DecodedImage> DecodeAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return DecodedImage.TryDecode(buffer.ToArray())
            ?? throw new RequestRejectedException(500, $"cannot identify image file {file.FileName}");
    }

    private static async Task WriteAsync(HttpContext context, Action<Utf8JsonWriter> writeEmbeddings)
    {
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, JsonOutput.WriterOptions);
        writer.WriteStartObject();
        writer.WriteStartArray("embeddings");
        writeEmbeddings(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }
}
