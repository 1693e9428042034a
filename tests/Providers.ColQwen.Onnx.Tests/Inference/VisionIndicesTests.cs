using Providers.ColQwen.Onnx.Imaging;
using Providers.ColQwen.Onnx.Inference;

namespace Providers.ColQwen.Onnx.Tests.Inference;

/// <summary>
/// Qwen2.5-VL's real window (112 px = 4 x 4 merged tokens); the tiny model's parity tests cover a 56 px window.
/// Expected values follow transformers' get_window_index and rot_pos_emb by hand.
/// </summary>
public class VisionIndicesTests
{
    [Fact]
    public void Orders_merged_tokens_window_by_window_with_partial_windows_last_in_their_row()
    {
        var indices = VisionIndices.For(new PatchGrid(Height: 8, Width: 12), windowSize: 112); // 4 x 6 merged tokens

        long[] expected = [0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15, 18, 19, 20, 21, 4, 5, 10, 11, 16, 17, 22, 23];
        Assert.Equal(expected, indices.WindowIndex);
    }

    [Fact]
    public void Lists_each_window_s_patches_in_one_row_padding_partial_windows_with_minus_one()
    {
        var indices = VisionIndices.For(new PatchGrid(Height: 10, Width: 4), windowSize: 112); // 5 x 2 merged tokens

        Assert.Equal((2, 32), (indices.WindowCount, indices.WindowLength)); // a 4 x 2 window, then a 1 x 2 window
        long[] expected = [.. Enumerable.Range(0, 32).Select(i => (long)i), .. Enumerable.Range(32, 8).Select(i => (long)i), .. Enumerable.Repeat(-1L, 24)];
        Assert.Equal(expected, indices.WindowPatches);
        Assert.Equal([0L, 1, 2, 3, 4, 5, 6, 7, 8, 9], indices.WindowIndex);
    }

    [Fact]
    public void Gives_patch_positions_in_the_processor_s_merge_block_order()
    {
        var indices = VisionIndices.For(new PatchGrid(Height: 2, Width: 4), windowSize: 112);

        long[] expected = [0, 0, 0, 1, 1, 0, 1, 1, 0, 2, 0, 3, 1, 2, 1, 3];
        Assert.Equal(expected, indices.PositionIds);
    }
}
