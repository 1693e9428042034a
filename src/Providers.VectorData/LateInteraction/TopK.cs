namespace Providers.VectorData.LateInteraction;

/// <summary>Selects the highest scores, breaking ties by the lower index so that results never depend on timing.</summary>
internal static class TopK
{
    /// <summary>Returns the indices of the <paramref name="count"/> highest scores, best first.</summary>
    public static int[] Select(ReadOnlySpan<float> scores, int count)
    {
        count = Math.Min(count, scores.Length);
        if (count <= 0)
        {
            return [];
        }

        // A min-heap of the best indices so far, its root the worst of them.
        var heap = new int[count];
        int size = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (size < count)
            {
                heap[size] = i;
                SiftUp(heap, size++, scores);
            }
            else if (Ranks(i, heap[0], scores) < 0)
            {
                heap[0] = i;
                SiftDown(heap, size, scores);
            }
        }

        var ranked = new (float Score, int Index)[size];
        for (int i = 0; i < size; i++)
        {
            ranked[i] = (scores[heap[i]], heap[i]);
        }

        Array.Sort(ranked, static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
        for (int i = 0; i < size; i++)
        {
            heap[i] = ranked[i].Index;
        }

        return heap;
    }

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    private static int Ranks(int a, int b, ReadOnlySpan<float> scores)
    {
        int byScore = scores[b].CompareTo(scores[a]);
        return byScore != 0 ? byScore : a.CompareTo(b);
    }

    private static void SiftUp(int[] heap, int position, ReadOnlySpan<float> scores)
    {
        while (position > 0)
        {
            int parent = (position - 1) / 2;
            if (Ranks(heap[position], heap[parent], scores) <= 0)
            {
                return;
            }

            (heap[position], heap[parent]) = (heap[parent], heap[position]);
            position = parent;
        }
    }

    private static void SiftDown(int[] heap, int size, ReadOnlySpan<float> scores)
    {
        int position = 0;
        while (true)
        {
            int worst = position;
            int left = (2 * position) + 1;
            int right = left + 1;
            if (left < size && Ranks(heap[left], heap[worst], scores) > 0)
            {
                worst = left;
            }

            if (right < size && Ranks(heap[right], heap[worst], scores) > 0)
            {
                worst = right;
            }

            if (worst == position)
            {
                return;
            }

            (heap[position], heap[worst]) = (heap[worst], heap[position]);
            position = worst;
        }
    }
}
