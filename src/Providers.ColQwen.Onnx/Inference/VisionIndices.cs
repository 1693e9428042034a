using Providers.ColQwen.Onnx.Imaging;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>
/// The index inputs the page graph's vision tower needs for one grid, computed as Qwen2.5-VL's vision model computes
/// them internally (<c>rot_pos_emb</c>, <c>get_window_index</c>): they depend on the grid only.
/// </summary>
internal sealed class VisionIndices
{
    private VisionIndices(long[] positionIds, long[] windowIndex, long[] windowSegmentIds)
    {
        PositionIds = positionIds;
        WindowIndex = windowIndex;
        WindowSegmentIds = windowSegmentIds;
    }

    /// <summary>Gets each patch's (row, column) in <c>pixel_values</c> order, <c>[patches, 2]</c>.</summary>
    public long[] PositionIds { get; }

    /// <summary>Gets the merged tokens in window order: window by window, row-major inside each window.</summary>
    public long[] WindowIndex { get; }

    /// <summary>Gets, for each patch in window order, the window it belongs to (attention stays inside a window).</summary>
    public long[] WindowSegmentIds { get; }

    /// <param name="grid">The page grid.</param>
    /// <param name="windowSize">The vision tower's attention window in pixels (112 for Qwen2.5-VL).</param>
    public static VisionIndices For(PatchGrid grid, int windowSize)
    {
        const int merge = PatchGrid.MergeSize, unit = merge * merge;
        var positions = new long[grid.PatchCount * 2];
        int patch = 0;
        for (int by = 0; by < grid.MergedHeight; by++)
        {
            for (int bx = 0; bx < grid.MergedWidth; bx++)
            {
                for (int my = 0; my < merge; my++)
                {
                    for (int mx = 0; mx < merge; mx++, patch++)
                    {
                        positions[patch * 2] = by * merge + my;
                        positions[patch * 2 + 1] = bx * merge + mx;
                    }
                }
            }
        }

        int perWindow = windowSize / merge / PatchGrid.PatchSize;
        var windowIndex = new long[grid.TokenCount];
        var segments = new long[grid.PatchCount];
        int token = 0, window = 0;
        for (int top = 0; top < grid.MergedHeight; top += perWindow)
        {
            for (int left = 0; left < grid.MergedWidth; left += perWindow, window++)
            {
                for (int y = top; y < Math.Min(top + perWindow, grid.MergedHeight); y++)
                {
                    for (int x = left; x < Math.Min(left + perWindow, grid.MergedWidth); x++, token++)
                    {
                        windowIndex[token] = y * grid.MergedWidth + x;
                        segments.AsSpan(token * unit, unit).Fill(window);
                    }
                }
            }
        }

        return new VisionIndices(positions, windowIndex, segments);
    }
}
