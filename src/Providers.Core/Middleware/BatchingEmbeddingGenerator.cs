using Microsoft.Extensions.AI;

namespace Providers.Core;

/// <summary>
/// Splits a large embedding call into batches of at most <see cref="BatchingOptions.MaxBatchSize"/> inputs, runs up to
/// <see cref="BatchingOptions.MaxConcurrency"/> at once, and returns every embedding in input order with usage summed.
/// A batch that returns the wrong number of embeddings, or fails, fails the call with an error naming its inputs.
/// Inputs are checked before the first batch is sent when the inner generator offers an
/// <see cref="IEmbeddingInputValidator{TInput}"/>; caller errors (<see cref="ArgumentException"/>) are never wrapped.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <typeparam name="TEmbedding">The embedding type.</typeparam>
public sealed class BatchingEmbeddingGenerator<TInput, TEmbedding> : DelegatingEmbeddingGenerator<TInput, TEmbedding>
    where TEmbedding : Embedding
{
    private readonly BatchingOptions _options;
    private readonly string _providerName;
    private readonly IEmbeddingInputValidator<TInput>? _validator;

    /// <summary>Initializes a new instance.</summary>
    /// <param name="innerGenerator">The generator that embeds each batch.</param>
    /// <param name="options">How to batch; defaults when <see langword="null"/>.</param>
    public BatchingEmbeddingGenerator(IEmbeddingGenerator<TInput, TEmbedding> innerGenerator, BatchingOptions? options = null)
        : base(innerGenerator)
    {
        _options = options ?? new BatchingOptions();
        _options.ThrowIfInvalid();
        _providerName = innerGenerator.GetService<EmbeddingGeneratorMetadata>()?.ProviderName ?? "embedding generator";
        _validator = innerGenerator.GetService<IEmbeddingInputValidator<TInput>>();
    }

    /// <inheritdoc />
    public override async Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<TInput> ?? values.ToList();
        _validator?.ThrowIfInvalid(inputs, options);
        var results = new TEmbedding[inputs.Count];
        var usage = new UsageAccumulator();
        var batches = Enumerable.Range(0, (inputs.Count + _options.MaxBatchSize - 1) / _options.MaxBatchSize)
            .Select(i => new InputRange(i * _options.MaxBatchSize, Math.Min(_options.MaxBatchSize, inputs.Count - (i * _options.MaxBatchSize))));

        var parallelism = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrency, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(batches, parallelism, async (range, ct) =>
        {
            var embeddings = await GenerateBatchAsync(inputs, range, options, ct).ConfigureAwait(false);
            embeddings.CopyTo(results, range.Start);
            usage.Add(embeddings.Usage);
        }).ConfigureAwait(false);

        return new GeneratedEmbeddings<TEmbedding>(results) { Usage = usage.Total };
    }

    private async Task<GeneratedEmbeddings<TEmbedding>> GenerateBatchAsync(
        IReadOnlyList<TInput> inputs, InputRange range, EmbeddingGenerationOptions? options, CancellationToken cancellationToken)
    {
        ProvidersTelemetry.RecordBatch(_providerName, range.Count);
        GeneratedEmbeddings<TEmbedding> embeddings;
        try
        {
            var batch = new InputWindow<TInput>(inputs, range);
            embeddings = await base.GenerateAsync(batch, options, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ArgumentException && (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested))
        {
            throw new BatchFailedException(_providerName, range, e);
        }

        if (embeddings.Count != range.Count)
        {
            throw new InvalidResponseException(_providerName,
                $"{_providerName} answered the batch of inputs {range} with {embeddings.Count} embeddings for {range.Count} inputs.")
            {
                FailedInputs = range,
            };
        }

        return embeddings;
    }

    /// <summary>A read-only window on the caller's inputs, so batching copies nothing.</summary>
    private sealed class InputWindow<T>(IReadOnlyList<T> source, InputRange range) : IReadOnlyList<T>
    {
        public int Count => range.Count;

        public T this[int index] => (uint)index < (uint)range.Count ? source[range.Start + index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<T> GetEnumerator()
        {
            for (int i = 0; i < range.Count; i++)
            {
                yield return source[range.Start + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class UsageAccumulator
    {
        private readonly Lock _gate = new();
        private UsageDetails? _total;

        public UsageDetails? Total => _total;

        public void Add(UsageDetails? usage)
        {
            if (usage is null)
            {
                return;
            }

            lock (_gate)
            {
                _total ??= new UsageDetails();
                _total.Add(usage);
            }
        }
    }
}
