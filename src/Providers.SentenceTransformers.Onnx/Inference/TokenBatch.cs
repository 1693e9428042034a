namespace Providers.SentenceTransformers.Onnx.Inference;

/// <summary>Token sequences right-padded to the longest of them, with the attention mask BERT reads.</summary>
internal sealed class TokenBatch
{
    private TokenBatch(long[] inputIds, long[] attentionMask, int count, int length)
    {
        InputIds = inputIds;
        AttentionMask = attentionMask;
        Count = count;
        Length = length;
    }

    public long[] InputIds { get; }

    public long[] AttentionMask { get; }

    public int Count { get; }

    /// <summary>Gets the padded length.</summary>
    public int Length { get; }

    public long[] Shape => [Count, Length];

    public static TokenBatch RightPadded(IReadOnlyList<int[]> sequences, int padId)
    {
        int length = sequences.Max(sequence => sequence.Length);
        var ids = new long[sequences.Count * length];
        var mask = new long[ids.Length];
        ids.AsSpan().Fill(padId);
        for (int row = 0; row < sequences.Count; row++)
        {
            int[] sequence = sequences[row];
            for (int i = 0; i < sequence.Length; i++)
            {
                ids[row * length + i] = sequence[i];
            }

            mask.AsSpan(row * length, sequence.Length).Fill(1);
        }

        return new TokenBatch(ids, mask, sequences.Count, length);
    }
}
