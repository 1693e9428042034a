using Providers.ColQwen.Onnx.Imaging;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>
/// Groups pages of the same grid into batches: the vision tower then attends within each page without padding, and
/// every prompt of a batch has the same length. Pages of one document rendered at one resolution share a grid.
/// </summary>
internal static class PageBatchPlanner
{
    /// <summary>Returns batches of page indices, each of one grid and at most <paramref name="maxBatchSize"/> long.</summary>
    public static IEnumerable<int[]> Plan(IReadOnlyList<PatchGrid> grids, int maxBatchSize)
    {
        return Enumerable.Range(0, grids.Count)
            .GroupBy(index => grids[index])
            .SelectMany(group => group.Chunk(maxBatchSize));
    }
}
