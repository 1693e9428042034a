using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.ColQwen;

/// <summary>
/// The shared shell of the ColQwen generators: metadata, <see cref="GetService"/>, disposal and the option checks;
/// each derived generator embeds one kind of input through its <see cref="ColQwenClient"/>.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
/// <remarks>
/// The service runs one model with 128-dimensional vectors: <see cref="EmbeddingGenerationOptions.ModelId"/> cannot
/// switch it (the embeddings' <see cref="Embedding.ModelId"/> always names the model that ran), and a request for
/// other <see cref="EmbeddingGenerationOptions.Dimensions"/> is refused rather than answered with 128.
/// </remarks>
public abstract class ColQwenEmbeddingGenerator<TInput> : IEmbeddingGenerator<TInput, MultiVectorEmbedding>, IEmbeddingInputValidator<TInput>
{
    private readonly EmbeddingGeneratorMetadata _metadata;

    private protected ColQwenEmbeddingGenerator(ColQwenClient client)
    {
        Client = client;
        _metadata = new EmbeddingGeneratorMetadata(ColQwenClient.ServiceName, client.BaseAddress, ColQwenClient.ModelId, ColQwenClient.Dimensions);
    }

    private protected ColQwenClient Client { get; }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<MultiVectorEmbedding>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<TInput> ?? values.ToList();
        ThrowIfInvalid(inputs, options);
        return new GeneratedEmbeddings<MultiVectorEmbedding>(await EmbedAsync(inputs, cancellationToken).ConfigureAwait(false));
    }

    /// <inheritdoc />
    /// <remarks>Refuses other <see cref="EmbeddingGenerationOptions.Dimensions"/> than 128, and each input the service cannot embed; sends nothing.</remarks>
    public void ThrowIfInvalid(IReadOnlyList<TInput> inputs, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (options?.Dimensions is { } dimensions && dimensions != ColQwenClient.Dimensions)
        {
            throw new ArgumentException(
                $"{ColQwenClient.ServiceName} produces {ColQwenClient.Dimensions}-dimensional vectors; {dimensions} were requested.", nameof(options));
        }

        for (int i = 0; i < inputs.Count; i++)
        {
            ThrowIfInvalidInput(inputs[i], i);
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ServiceLookup.Find(this, serviceType, serviceKey, _metadata, Client, Client.Service);

    /// <summary>Disposes the client, which disposes its <see cref="HttpClient"/> only if it created it.</summary>
    public void Dispose() => Client.Dispose();

    /// <summary>Throws an <see cref="ArgumentException"/> naming <paramref name="index"/> when the input cannot be embedded.</summary>
    private protected abstract void ThrowIfInvalidInput(TInput input, int index);

    private protected abstract Task<IReadOnlyList<MultiVectorEmbedding>> EmbedAsync(IReadOnlyList<TInput> inputs, CancellationToken cancellationToken);
}
