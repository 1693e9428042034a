using Providers.ColQwen.Onnx.Imaging;
using Providers.ColQwen.Onnx.Inference;

namespace Providers.ColQwen.Onnx.Tests.Inference;

public class MultimodalPositionsTests
{
    private const int Pad = 0, Text = 5, Image = 9;

    [Fact]
    public void Places_image_tokens_on_their_row_and_column_and_resumes_text_after_the_larger_side()
    {
        // One padding slot, then: text, text, six image tokens of a 2 x 3 merged grid, text.
        int[] sequence = [Text, Text, Image, Image, Image, Image, Image, Image, Text];
        var batch = TokenBatch.LeftPadded([sequence, [Text, .. sequence]], Pad);

        long[] positions = MultimodalPositions.Build(batch, Image, new PatchGrid(Height: 4, Width: 6));

        int plane = batch.Count * batch.Length;
        long[] Axis(int axis) => positions.AsSpan(axis * plane, batch.Length).ToArray(); // first row of the batch
        Assert.Equal([1L, 0, 1, 2, 2, 2, 2, 2, 2, 5], Axis(0));
        Assert.Equal([1L, 0, 1, 2, 2, 2, 3, 3, 3, 5], Axis(1));
        Assert.Equal([1L, 0, 1, 2, 3, 4, 2, 3, 4, 5], Axis(2));
    }

    [Fact]
    public void Counts_text_positions_from_the_first_real_token()
    {
        var batch = TokenBatch.LeftPadded([[Text, Text], [Text, Text, Text, Text]], Pad);

        long[] positions = MultimodalPositions.Build(batch, Image, grid: null);

        Assert.Equal([1L, 1, 0, 1, 0, 1, 2, 3], positions.AsSpan(0, 8).ToArray());
        Assert.Equal(positions.AsSpan(0, 8).ToArray(), positions.AsSpan(16, 8).ToArray());
    }
}
