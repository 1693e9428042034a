using System.Numerics.Tensors;
using Providers.Core;

namespace Providers.ColQwen;

/// <summary>
/// Turns the service's embedding answers into <see cref="MultiVectorEmbedding"/>s: one per input, left padding
/// dropped, vectors all of one length, and for pages the span and grid of the image tokens.
/// </summary>
internal static class ColQwenEmbeddingReader
{
    // The image prompt puts 4 tokens before the image tokens and 7 after them (wire-formats.md §4).
    private const int ImagePromptTokensBefore = 4;
    private const int ImagePromptTokens = ImagePromptTokensBefore + 7;

    public static MultiVectorEmbedding[] ReadQueries(QueryEmbeddingsResponse response, int expected)
    {
        var items = CheckCount(response.Embeddings, expected, "queries");
        var embeddings = new MultiVectorEmbedding[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            embeddings[i] = WithoutPadding(items[i], $"Query {i}", out _);
        }

        return CheckDimensions(embeddings);
    }

    public static MultiVectorEmbedding[] ReadImages(ImageEmbeddingsResponse response, IReadOnlyList<ColQwenPatchGrid> grids)
    {
        var items = CheckCount(response.Embeddings, grids.Count, "images");
        var embeddings = new MultiVectorEmbedding[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            embeddings[i] = ReadImage(items[i] ?? throw Invalid($"Image {i} has no embedding."), grids[i], i);
        }

        return CheckDimensions(embeddings);
    }

    private static MultiVectorEmbedding ReadImage(ImageEmbeddingItem item, ColQwenPatchGrid grid, int index)
    {
        var embedding = WithoutPadding(item.Embedding, $"Image {index}", out int padding);
        ImagePatchLayout? layout;
        if (item.ImagePatchStart is { } paddedStart && item.ImagePatchLength is { } length)
        {
            // The service counts the span from the start of the padded sequence.
            int start = paddedStart - padding;
            if (start < 0 || length < 0 || start + length > embedding.TokenCount)
            {
                throw Invalid($"Image {index}: image tokens [{paddedStart}, +{length}) minus {padding} padding rows fall outside its {embedding.TokenCount} vectors.");
            }

            // A service configured with other pixel limits makes another grid; then only the span is known.
            layout = grid.PatchCount == length
                ? new ImagePatchLayout(start, length, grid.PatchesX, grid.PatchesY)
                : new ImagePatchLayout(start, length);
        }
        else
        {
            // Older versions send no span: infer it from the prompt layout, but only when the count matches the grid exactly.
            layout = embedding.TokenCount == grid.PatchCount + ImagePromptTokens
                ? new ImagePatchLayout(ImagePromptTokensBefore, grid.PatchCount, grid.PatchesX, grid.PatchesY)
                : null;
        }

        return new MultiVectorEmbedding(embedding.Vectors, embedding.Dimensions) { ModelId = ColQwenClient.ModelId, ImagePatches = layout };
    }

    /// <summary>Drops the zero rows the batch's left padding put before the item's own vectors.</summary>
    private static MultiVectorEmbedding WithoutPadding(List<float[]>? rows, string what, out int padding)
    {
        if (rows is null || rows.Count == 0)
        {
            throw Invalid($"{what} has no vectors.");
        }

        int nullRow = rows.IndexOf(null!);
        if (nullRow >= 0)
        {
            throw Invalid($"{what}: vector {nullRow} is null.");
        }

        // Padding rows are exactly zero (the model multiplies by the attention mask); real vectors are L2-normalised.
        padding = 0;
        while (padding < rows.Count && TensorPrimitives.SumOfMagnitudes<float>(rows[padding]) == 0f)
        {
            padding++;
        }

        if (padding == rows.Count)
        {
            throw Invalid($"{what} has only zero (padding) vectors.");
        }

        try
        {
            var embedding = MultiVectorEmbedding.FromRows(rows.GetRange(padding, rows.Count - padding));
            embedding.ModelId = ColQwenClient.ModelId;
            return embedding;
        }
        catch (ArgumentException e)
        {
            throw Invalid($"{what}: {e.Message}");
        }
    }

    private static List<T> CheckCount<T>(List<T>? items, int expected, string what) =>
        items is null ? throw Invalid("The answer has no 'embeddings' array.")
        : items.Count == expected ? items
        : throw Invalid($"The answer holds {items.Count} embeddings for {expected} {what}.");

    private static MultiVectorEmbedding[] CheckDimensions(MultiVectorEmbedding[] embeddings)
    {
        for (int i = 1; i < embeddings.Length; i++)
        {
            if (embeddings[i].Dimensions != embeddings[0].Dimensions)
            {
                throw Invalid($"Embedding {i} has {embeddings[i].Dimensions} dimensions; embedding 0 has {embeddings[0].Dimensions}.");
            }
        }

        return embeddings;
    }

    private static InvalidResponseException Invalid(string problem) => new(ColQwenClient.ServiceName, $"{ColQwenClient.ServiceName}: {problem}");
}
