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
    private const string QueryFailure = "Error generating query embeddings: ";
    private const string ImageFailure = "Error generating image embeddings: ";

    public async Task EmbedQueriesAsync(HttpContext context)
    {
        var body = await FastApiBody.ReadModelAsync(context).ConfigureAwait(false);
        var queries = ValidQueries(body);

        // The service raises HTTPException(400) inside a try whose handler re-raises everything as a 500 of its own;
        // Starlette >= 0.29 writes the inner exception as "400: No queries provided".
        if (queries.Count == 0)
        {
            throw new RequestRejectedException(500, QueryFailure + "400: No queries provided");
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

    /// <summary>
    /// <c>queries: Union[str, List[str]]</c> as pydantic checks it: a value neither member takes reports both
    /// members' errors, located under the member's name.
    /// </summary>
    private static List<string> ValidQueries(JsonObject body)
    {
        if (!body.TryGetPropertyValue("queries", out var queries))
        {
            throw FastApiErrors.Rejection([FastApiErrors.Error("missing", ["body", "queries"], "Field required", body)]);
        }

        if (queries is JsonValue value && value.TryGetValue(out string? one))
        {
            return [one];
        }

        const string NotAString = "Input should be a valid string";
        var errors = new List<JsonObject> { FastApiErrors.Error("string_type", ["body", "queries", "str"], NotAString, queries) };
        if (queries is not JsonArray list)
        {
            errors.Add(FastApiErrors.Error("list_type", ["body", "queries", "list[str]"], "Input should be a valid list", queries));
            throw FastApiErrors.Rejection(errors);
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i]?.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(FastApiErrors.Error("string_type", ["body", "queries", "list[str]", i], NotAString, list[i]));
            }
        }

        return errors.Count == 1 ? list.Select(q => q!.GetValue<string>()).ToList() : throw FastApiErrors.Rejection(errors);
    }

    /// <summary>Decodes a part as PIL's <c>Image.open(..).convert("RGB")</c> would, failing with PIL's message.</summary>
    private static async Task<DecodedImage> DecodeAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var image = DecodedImage.TryDecode(buffer.ToArray(), out var completeness);
        return completeness switch
        {
            ImageCompleteness.Complete => image!,

            // Pillow's ImageFile.load, when the data ends before the pixels do (LOAD_TRUNCATED_IMAGES is off).
            ImageCompleteness.Truncated => throw Failure(image, "image file is truncated"),
            ImageCompleteness.Corrupt => throw Failure(image, "broken data stream when reading image file"),

            // Image.open names the BytesIO it was given; the address varies per request in the real service.
            _ => throw Failure(image, "cannot identify image file <_io.BytesIO object at 0x7f3a5c1e2b80>"),
        };
    }

    private static RequestRejectedException Failure(IDisposable? image, string message)
    {
        image?.Dispose();
        return new RequestRejectedException(500, ImageFailure + message);
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
