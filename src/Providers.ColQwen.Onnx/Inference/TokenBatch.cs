namespace Providers.ColQwen.Onnx.Inference;

/// <summary>Token sequences padded on the left to one length, as ColQwen's processor pads them, with their mask.</summary>
internal sealed class TokenBatch
{
    private TokenBatch(long[] inputIds, long[] attentionMask, int[] lengths, int length)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
        Lengths = lengths;
        Length = length;
    }

    /// <summary>Gets the ids, row-major <c>[Count, Length]</c>.</summary>
    public long[] InputIds { get; }

    /// <summary>Gets 1 for a real token, 0 for padding, row-major <c>[Count, Length]</c>.</summary>
    public long[] AttentionMask { get; }

    /// <summary>Gets the unpadded length of each sequence.</summary>
    public int[] Lengths { get; }

    public int Count => Lengths.Length;

    /// <summary>Gets the padded length.</summary>
    public int Length { get; }

    public long[] Shape => [Count, Length];

    /// <summary>Gets where sequence <paramref name="row"/>'s first real token lies.</summary>
    public int Padding(int row) => Length - Lengths[row];

    public static TokenBatch LeftPadded(IReadOnlyList<int[]> sequences, int padId)
    {
        int length = sequences.Max(sequence => sequence.Length);
        var ids = new long[sequences.Count * length];
        var mask = new long[ids.Length];
        var lengths = new int[sequences.Count];
        for (int row = 0; row < sequences.Count; row++)
        {
            int[] sequence = sequences[row];
            int padding = length - sequence.Length;
            Span<long> rowIds = ids.AsSpan(row * length, length);
            rowIds[..padding].Fill(padId);
            for (int i = 0; i < sequence.Length; i++)
            {
                rowIds[padding + i] = sequence[i];
            }

            mask.AsSpan(row * length + padding, sequence.Length).Fill(1);
            lengths[row] = sequence.Length;
        }

        return new TokenBatch(ids, mask, lengths, length);
    }
}
