using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Core.OpenAI;

namespace Providers.SvRay;

/// <summary>
/// Embeds images and texts into one space with the SV Ray cluster's image deployment
/// (<c>POST /embed-image/v1/embeddings</c>), by default <c>google/siglip2-base-patch16-224</c>.
/// </summary>
/// <remarks>
/// <para>
/// Inputs are images as <see cref="ImageInputLoader"/> takes them (<see cref="DataContent"/> bytes or data URIs,
/// <see cref="UriContent"/> data:, file: and http(s) addresses, fetched by this client within
/// <see cref="SvRayImageEmbeddingOptions.ImageDownload"/>'s limits) and <see cref="TextContent"/> texts, in any mix.
/// The wire wants all images first, then all texts; the embeddings come back in the caller's order. Anything that is not an image, and any other content type, is refused, naming the
/// input, before a request is sent.
/// </para>
/// <para>
/// With <c>input_type</c> <c>auto</c> the server takes an input that decodes as a base64 image for an image. A
/// caption never does in practice, but a text that is itself a base64-encoded image would be embedded as the image.
/// </para>
/// </remarks>
public sealed class SvRayImageEmbeddingGenerator : IEmbeddingGenerator<AIContent, Embedding<float>>, IEmbeddingInputValidator<AIContent>
{
    private const string Path = "embed-image/v1/embeddings";
    private const string InputTypeField = "input_type";

    private readonly OpenAICompatibleEmbeddingGenerator _wire;
    private readonly ImageInputLoader _images;
    private readonly string _inputType;

    /// <summary>Initializes a new instance that sends (and downloads) through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client (for example from <c>IHttpClientFactory</c>).</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayImageEmbeddingGenerator(HttpClient httpClient, SvRayImageEmbeddingOptions options)
        : this(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)))
    {
    }

    /// <summary>Initializes a new instance with its own <see cref="HttpClient"/>.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public SvRayImageEmbeddingGenerator(SvRayImageEmbeddingOptions options)
        : this(options, httpClient: null)
    {
    }

    private SvRayImageEmbeddingGenerator(SvRayImageEmbeddingOptions options, HttpClient? httpClient)
    {
        var (service, http) = SvRayEmbeddingService.Create(options, httpClient);
        int? dimensions = options.ModelId == SvRayImageEmbeddingOptions.DefaultModelId ? 768 : null;
        _wire = new OpenAICompatibleEmbeddingGenerator(service, Path, options.ModelId, encoding: null, dimensions);
        _images = new ImageInputLoader(SvRayEmbeddingService.Name, options.ImageDownload, http);
        _inputType = options.InputType;
    }

    /// <inheritdoc />
    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<AIContent> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var inputs = values as IReadOnlyList<AIContent> ?? values.ToList();
        if (inputs.Count == 0)
        {
            return [];
        }

        ThrowIfInvalid(inputs, options);
        var images = new List<int>();
        var texts = new List<int>();
        for (int i = 0; i < inputs.Count; i++)
        {
            (inputs[i] is TextContent ? texts : images).Add(i);
        }

        // The wire order: every image, then every text.
        var wire = new string[inputs.Count];
        var loaded = await _images.LoadAsync(inputs, images, cancellationToken).ConfigureAwait(false);
        for (int k = 0; k < loaded.Length; k++)
        {
            wire[k] = Convert.ToBase64String(loaded[k].Data.Span);
        }

        for (int k = 0; k < texts.Count; k++)
        {
            wire[images.Count + k] = ((TextContent)inputs[texts[k]]).Text;
        }

        var wireOptions = options?.Clone() ?? new EmbeddingGenerationOptions();
        (wireOptions.AdditionalProperties ??= []).TryAdd(InputTypeField, _inputType);
        var embedded = await _wire.GenerateAsync(wire, wireOptions, cancellationToken).ConfigureAwait(false);

        var ordered = new Embedding<float>[inputs.Count];
        for (int k = 0; k < wire.Length; k++)
        {
            ordered[k < images.Count ? images[k] : texts[k - images.Count]] = embedded[k];
        }

        return new GeneratedEmbeddings<Embedding<float>>(ordered) { Usage = embedded.Usage, AdditionalProperties = embedded.AdditionalProperties };
    }

    /// <inheritdoc />
    /// <remarks>Texts must not be <see langword="null"/>; images are checked as <see cref="ImageInputLoader.ThrowIfInvalid"/> does, without fetching anything.</remarks>
    public void ThrowIfInvalid(IReadOnlyList<AIContent> inputs, EmbeddingGenerationOptions? options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        for (int i = 0; i < inputs.Count; i++)
        {
            switch (inputs[i])
            {
                case TextContent { Text: not null }:
                    break;
                case TextContent:
                    throw new ArgumentException($"Input {i} is a TextContent without text.", "values");
                case var content when ImageInputLoader.IsImage(content):
                    ImageInputLoader.ThrowIfInvalid(content, i);
                    break;
                case var other:
                    throw new ArgumentException(
                        $"Input {i} is {other?.GetType().Name ?? "null"}; SV Ray embeds DataContent and UriContent images and TextContent texts.", "values");
            }
        }
    }

    /// <inheritdoc />
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ServiceLookup.Find(this, serviceType, serviceKey, _wire.GetService<EmbeddingGeneratorMetadata>(), _wire.GetService<ServiceHttpClient>());

    /// <summary>Releases the service client, which disposes its <see cref="HttpClient"/> only if this instance created it.</summary>
    public void Dispose() => _wire.Dispose();
}
