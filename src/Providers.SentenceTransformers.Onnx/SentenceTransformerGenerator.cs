using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SentenceTransformers.Onnx.Inference;

namespace Providers.SentenceTransformers.Onnx;

/// <summary>
/// What the sentence and token generators share: a <see cref="SentenceTransformerModel"/> (shared, or owned and
/// disposed), metadata, the query/document choice, the dimension check, and running the CPU-bound work off the caller's thread.
/// </summary>
/// <typeparam name="TEmbedding">One vector per text, or one per token.</typeparam>
public abstract class SentenceTransformerGenerator<TEmbedding> : IEmbeddingGenerator<string, TEmbedding>
    where TEmbedding : Embedding
{
    /// <summary>The provider name in <see cref="Metadata"/>.</summary>
    public const string ProviderName = "sentence-transformers-onnx";

    private readonly bool _ownsModel;

    private protected SentenceTransformerGenerator(SentenceTransformerModel model, bool ownsModel)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        _ownsModel = ownsModel;
        Metadata = new EmbeddingGeneratorMetadata(ProviderName, model.ProviderUri, model.Settings.ModelId, model.Settings.Dimensions);
    }

    /// <summary>Gets the provider name, the model's folder or package as provider URI, the model id and the vector length.</summary>
    public EmbeddingGeneratorMetadata Metadata { get; }

    private protected SentenceTransformerModel Model { get; }

    /// <inheritdoc />
    /// <remarks>
    /// <c>options.AdditionalProperties["input_type"]</c> (<c>"query"</c> or <c>"document"</c>) picks the prefix;
    /// without it the model's default input type applies.
    /// </remarks>
    /// <exception cref="ArgumentException">A text is null or too long with truncation off, the input type is unknown, or other dimensions were requested.</exception>
    /// <exception cref="SentenceTransformerModelException">The graph fails or produces non-finite numbers.</exception>
    public async Task<GeneratedEmbeddings<TEmbedding>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var settings = Model.Settings;
        if (options?.Dimensions is { } requested && requested != settings.Dimensions)
        {
            throw new ArgumentException(
                $"{settings.ModelId} produces {settings.Dimensions}-dimensional vectors; {requested} were requested.", nameof(options));
        }

        var inputType = InputType(options);
        string[] texts = values.ToArray();
        if (texts.Length == 0)
        {
            return [];
        }

        var encoded = Model.Encode(texts, inputType);
        var embeddings = await Task.Run(() => Embed(encoded, cancellationToken), cancellationToken).ConfigureAwait(false);
        var created = DateTimeOffset.UtcNow;
        for (int i = 0; i < embeddings.Length; i++)
        {
            embeddings[i].ModelId = settings.ModelId;
            embeddings[i].CreatedAt = created;
            if (encoded[i].Truncated)
            {
                (embeddings[i].AdditionalProperties ??= [])[SentenceTransformerModelSettings.TruncatedProperty] = true;
            }
        }

        long tokens = encoded.Sum(text => (long)text.Ids.Length);
        return new GeneratedEmbeddings<TEmbedding>(embeddings)
        {
            Usage = new UsageDetails { InputTokenCount = tokens, TotalTokenCount = tokens },
        };
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ServiceLookup.Find(this, serviceType, serviceKey, Metadata, Model, Model.Settings, Model.Tokenizer);

    /// <summary>Disposes the model when this generator loaded it.</summary>
    public void Dispose()
    {
        if (_ownsModel)
        {
            Model.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Runs the graph and builds one embedding per text, in order; runs on a thread-pool thread.</summary>
    private protected abstract TEmbedding[] Embed(EncodedText[] texts, CancellationToken cancellationToken);

    private SentenceInputType InputType(EmbeddingGenerationOptions? options)
    {
        if (options?.AdditionalProperties?.TryGetValue(SentenceTransformerModelSettings.InputTypeProperty, out object? value) != true || value is null)
        {
            return Model.DefaultInputType;
        }

        return value switch
        {
            SentenceInputType type => type,
            string text when Enum.TryParse<SentenceInputType>(text, ignoreCase: true, out var type) => type,
            _ => throw new ArgumentException(
                $"AdditionalProperties[\"{SentenceTransformerModelSettings.InputTypeProperty}\"] is '{value}'; use \"query\" or \"document\".", nameof(options)),
        };
    }
}
