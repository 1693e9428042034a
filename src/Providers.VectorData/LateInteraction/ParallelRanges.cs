using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Providers.VectorData.LateInteraction;

/// <summary>Runs a loop body over index ranges on several threads.</summary>
internal static class ParallelRanges
{
    /// <summary>Calls <paramref name="body"/> with disjoint <c>[start, end)</c> ranges that cover <c>[0, count)</c>.</summary>
    /// <param name="count">The number of items.</param>
    /// <param name="maxDegreeOfParallelism">The most threads to use; -1 for one per processor.</param>
    /// <param name="cancellationToken">A token that stops scheduling new ranges.</param>
    /// <param name="body">The work for one range.</param>
    public static void ForEach(int count, int maxDegreeOfParallelism, CancellationToken cancellationToken, Action<int, int> body)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int workers = maxDegreeOfParallelism > 0 ? maxDegreeOfParallelism : Environment.ProcessorCount;
        if (workers == 1 || count <= 1)
        {
            body(0, count);
            return;
        }

        // Several ranges per worker keep the threads busy when items differ in cost (documents in length).
        int rangeSize = Math.Max(1, count / (workers * 8));
        try
        {
            Parallel.ForEach(
                Partitioner.Create(0, count, rangeSize),
                new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                range => body(range.Item1, range.Item2));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // Callers expect the exception the body threw (a bad record's ArgumentException), as a loop would give it.
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }
}
