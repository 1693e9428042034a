using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Providers.Spirit;

/// <summary>How a <see cref="SpiritHandlerEmbeddingGenerator{TInput}"/> maps inputs to the handler's <c>input</c> and its output back to vectors.</summary>
/// <typeparam name="TInput">The type of the values to embed.</typeparam>
public sealed class SpiritHandlerEmbeddingOptions<TInput>
{
    /// <summary>Gets the mapping from a batch of values and the options to the handler's <c>input</c>.</summary>
    public required Func<IReadOnlyList<TInput>, EmbeddingGenerationOptions?, JsonElement> CreateInput { get; init; }

    /// <summary>
    /// Gets the mapping from the handler's output to one vector per value, in the values' order. A
    /// <see cref="JsonException"/>, <see cref="InvalidOperationException"/>, <see cref="FormatException"/> or
    /// <see cref="KeyNotFoundException"/> it throws surfaces as an <see cref="Core.InvalidResponseException"/>.
    /// </summary>
    public required Func<SpiritResult, IReadOnlyList<float[]>> ReadEmbeddings { get; init; }

    /// <summary>
    /// Gets a check of one value before anything is sent: it returns why the handler cannot embed the value, or
    /// <see langword="null"/> when it can. <see langword="null"/> values are always refused. Batching middleware runs
    /// it over the caller's whole list before the first batch goes out.
    /// </summary>
    public Func<TInput, string?>? CheckInput { get; init; }

    /// <summary>Gets how each call runs the handler. Default <see cref="SpiritInvocation.Sync"/>.</summary>
    public SpiritInvocation Invocation { get; init; } = SpiritInvocation.Sync;

    /// <summary>Gets the model the handler serves, reported in metadata and on each embedding.</summary>
    public string? ModelId { get; init; }

    /// <summary>Gets the length of the vectors the handler returns, if known: reported in metadata and checked on every answer.</summary>
    public int? Dimensions { get; init; }
}
