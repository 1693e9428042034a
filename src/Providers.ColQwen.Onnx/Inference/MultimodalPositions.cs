using Providers.ColQwen.Onnx.Imaging;

namespace Providers.ColQwen.Onnx.Inference;

/// <summary>
/// The <c>position_ids [3, batch, sequence]</c> of Qwen2-VL's multimodal rotary embedding, as <c>get_rope_index</c>
/// computes them: text tokens advance one position on all three axes; an image's tokens share its first position on
/// the time axis and add their row and column on the other two; the text after an image resumes one past the image's
/// largest position. Padding gets position 1, as in Hugging Face.
/// </summary>
internal static class MultimodalPositions
{
    public static long[] Build(TokenBatch batch, int imageTokenId, PatchGrid? grid)
    {
        int rows = batch.Count, length = batch.Length, plane = rows * length;
        var positions = new long[3 * plane];
        positions.AsSpan().Fill(1);
        for (int row = 0; row < rows; row++)
        {
            long next = 0;
            int offset = row * length;
            for (int i = batch.Padding(row); i < length; i++)
            {
                if (grid is { } g && batch.InputIds[offset + i] == imageTokenId)
                {
                    for (int token = 0; token < g.TokenCount; token++)
                    {
                        int at = offset + i + token;
                        positions[at] = next;
                        positions[plane + at] = next + token / g.MergedWidth;
                        positions[2 * plane + at] = next + token % g.MergedWidth;
                    }

                    next += Math.Max(g.MergedHeight, g.MergedWidth);
                    i += g.TokenCount - 1;
                    continue;
                }

                positions[offset + i] = positions[plane + offset + i] = positions[2 * plane + offset + i] = next++;
            }
        }

        return positions;
    }
}
