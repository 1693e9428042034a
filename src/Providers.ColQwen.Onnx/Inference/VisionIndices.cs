using Providers.ColQwen.Onnx.Imaging;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>
/// The index inputs the page graph's vision tower needs for one grid, computed as Qwen2.5-VL's vision model computes
/// them internally (<c>rot_pos_emb</c>, <c>get_window_index</c>): they depend on the grid only.
/// </summary>
internal sealed class VisionIndices
{
    private VisionIndices(long[] positionIds, long[] windowIndex, long[] windowPatches, int windowCount, int windowLength)
    {
        PositionIds = positionIds;
        WindowIndex = windowIndex;
        WindowPatches = windowPatches;
        WindowCount = windowCount;
        WindowLength = windowLength;
    }

    /// <summary>Gets each patch's (row, column) in <c>pixel_values</c> order, <c>[patches, 2]</c>.</summary>
    public long[] PositionIds { get; }

    /// <summary>Gets the merged tokens in window order: window by window, row-major inside each window.</summary>
    public long[] WindowIndex { get; }

    /// <summary>
    /// Gets, row-major <c>[WindowCount, WindowLength]</c>, the positions (in window order) of each window's patches,
    /// -1 after the end of a partial window: the windowed blocks attend inside each row only.
    /// </summary>
    public long[] WindowPatches { get; }

    /// <summary>Gets the number of attention windows.</summary>
    public int WindowCount { get; }

    /// <summary>Gets the number of patches in the largest window.</summary>
    public int WindowLength { get; }

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
        int windowRows = (grid.MergedHeight + perWindow - 1) / perWindow, windowColumns = (grid.MergedWidth + perWindow - 1) / perWindow;
        int windowLength = Math.Min(perWindow, grid.MergedHeight) * Math.Min(perWindow, grid.MergedWidth) * unit;
        var windowIndex = new long[grid.TokenCount];
        var slots = new long[windowRows * windowColumns * windowLength];
        slots.AsSpan().Fill(-1);
        int token = 0, window = 0;
        for (int top = 0; top < grid.MergedHeight; top += perWindow)
        {
            for (int left = 0; left < grid.MergedWidth; left += perWindow, window++)
            {
                int first = token * unit;
                for (int y = top; y < Math.Min(top + perWindow, grid.MergedHeight); y++)
                {
                    for (int x = left; x < Math.Min(left + perWindow, grid.MergedWidth); x++, token++)
                    {
                        windowIndex[token] = y * grid.MergedWidth + x;
                    }
                }

                for (int patchInWindow = 0; patchInWindow < token * unit - first; patchInWindow++)
                {
                    slots[window * windowLength + patchInWindow] = first + patchInWindow;
                }
            }
        }

        return new VisionIndices(positions, windowIndex, slots, window, windowLength);
    }
}
