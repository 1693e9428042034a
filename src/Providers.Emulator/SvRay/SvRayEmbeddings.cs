using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Providers.Emulator.Errors;
using Providers.Emulator.Hosting;
using Providers.Emulator.Models;
using Providers.Emulator.OpenAi;

namespace Providers.Emulator.SvRay;

/// <summary>
/// The SV Ray embedding deployments: dense text, image+text, and the two multi-vector endpoints. Text for
/// <c>sentence-transformers/all-MiniLM-L6-v2</c> gets the real model's vectors (<see cref="RealMiniLM"/>); every
/// other model a stand-in.
/// </summary>
internal sealed class SvRayEmbeddings(EmulatorOptions options, EmbeddingDimensions dimensions)
{
    public async Task EmbedTextAsync(HttpContext context)
    {
        var (model, dimension, inputs, _) = await ReadAsync(context).ConfigureAwait(false);
        var vectors = RealMiniLM.Serves(model) ? inputs.ConvertAll(RealMiniLM.Embed) : inputs.ConvertAll(t => HashedTextEmbedder.Embed(t, dimension));
        await EmbeddingListWriter.WriteAsync(context, vectors, model, base64: false, inputs.Sum(TextTokens.Count)).ConfigureAwait(false);
    }

    /// <summary>
    /// Images first, then texts, in one list. With <c>input_type:"auto"</c> the server decides per item: an item
    /// that decodes as a base64 image is an image, anything else is text (the risk the wire format notes).
    /// </summary>
    public async Task EmbedImagesAndTextAsync(HttpContext context)
    {
        var (model, dimension, inputs, body) = await ReadAsync(context).ConfigureAwait(false);
        var inputType = body["input_type"]?.ToString() ?? "auto";
        if (inputType is not ("auto" or "image" or "text"))
        {
            throw new RequestRejectedException(400, $"input_type must be 'auto', 'image' or 'text', not '{inputType}'.");
        }

        var vectors = new List<float[]>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            using var image = inputType == "text" ? null : Base64Image.TryDecode(inputs[i]);
            if (image is null && inputType == "image")
            {
                throw new RequestRejectedException(400, $"input[{i}] is not a base64-encoded image.");
            }

            vectors.Add(image is null ? HashedTextEmbedder.Embed(inputs[i], dimension) : ImageEmbedder.Embed(image, dimension));
        }

        await EmbeddingListWriter.WriteAsync(context, vectors, model, base64: false, inputs.Count).ConfigureAwait(false);
    }

    public async Task EmbedTextMultiVectorAsync(HttpContext context)
    {
        var (model, dimension, inputs, _) = await ReadAsync(context).ConfigureAwait(false);
        var matrices = RealMiniLM.Serves(model) ? inputs.ConvertAll(RealMiniLM.TokenVectors) : inputs.ConvertAll(t => TokenVectors.ForText(t, dimension));
        await EmbeddingListWriter.WriteMatricesAsync(context, matrices, model, inputs.Sum(TextTokens.Count)).ConfigureAwait(false);
    }

    public async Task EmbedImageMultiVectorAsync(HttpContext context)
    {
        var (model, dimension, inputs, _) = await ReadAsync(context).ConfigureAwait(false);
        if (inputs.Count > options.SvRayImageMultiVectorBatchLimit)
        {
            throw new RequestRejectedException(400, $"At most {options.SvRayImageMultiVectorBatchLimit} images per request; got {inputs.Count}.");
        }

        var matrices = new List<List<float[]>>(inputs.Count);
        for (var i = 0; i < inputs.Count; i++)
        {
            using var image = Base64Image.TryDecode(inputs[i]) ?? throw new RequestRejectedException(400, $"input[{i}] is not a base64-encoded image.");
            var grid = PatchGrid.For(image.Width, image.Height);
            matrices.Add(ImageEmbedder.PatchVectors(image, grid.PatchesX, grid.PatchesY, dimension));
        }

        await EmbeddingListWriter.WriteMatricesAsync(context, matrices, model, matrices.Sum(m => m.Count)).ConfigureAwait(false);
    }

    private async Task<(string Model, int Dimension, List<string> Inputs, JsonObject Body)> ReadAsync(HttpContext context)
    {
        var body = await JsonBody.ReadObjectAsync(context, StatusCodes.Status422UnprocessableEntity).ConfigureAwait(false);
        if (body["model"]?.ToString() is not { } model)
        {
            throw Missing("model", body);
        }

        if (!dimensions.TryGet(model, out var dimension))
        {
            throw new RequestRejectedException(400, $"Model '{model}' is not served by this deployment.");
        }

        return EmbeddingInput.TryRead(body["input"], out var inputs) switch
        {
            EmbeddingInputProblem.None => (model, dimension, inputs, body),
            EmbeddingInputProblem.Missing => throw Missing("input", body),
            EmbeddingInputProblem.Empty => throw new RequestRejectedException(400, "input must not be empty."),
            _ => throw new RequestRejectedException(StatusCodes.Status422UnprocessableEntity, "input must be a list of strings.",
                FastApiErrors.ValidationBody("list_type", "input", "Input should be a valid list", body["input"])),
        };
    }

    private static RequestRejectedException Missing(string field, JsonObject body) =>
        new(StatusCodes.Status422UnprocessableEntity, $"Field required: {field}", FastApiErrors.ValidationBody("missing", field, "Field required", body));
}
