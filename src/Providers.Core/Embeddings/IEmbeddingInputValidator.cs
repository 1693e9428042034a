using Microsoft.Extensions.AI;

namespace Providers.Core;

/// <summary>
/// A generator that can check a whole call's inputs without sending anything. <see cref="BatchingEmbeddingGenerator{TInput, TEmbedding}"/>
/// finds it through <c>GetService</c> and runs it on the caller's list before the first batch goes out, so a bad input
/// fails the call at once, unwrapped, with its index in the caller's list.
/// </summary>
/// <typeparam name="TInput">The input type.</typeparam>
public interface IEmbeddingInputValidator<in TInput>
{
    /// <summary>Throws for the first input the generator cannot embed.</summary>
    /// <param name="inputs">The caller's inputs.</param>
    /// <param name="options">The call's options.</param>
    /// <exception cref="ArgumentException">An input cannot be embedded; the message names it by its index in <paramref name="inputs"/>.</exception>
    void ThrowIfInvalid(IReadOnlyList<TInput> inputs, EmbeddingGenerationOptions? options);
}
