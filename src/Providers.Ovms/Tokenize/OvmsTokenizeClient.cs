using System.Text.Json;
using Providers.Core;

namespace Providers.Ovms;

/// <summary>
/// Tokenizes texts with a graph's own tokenizer (<c>POST /v3/tokenize</c>), so an application can count tokens
/// against the graph's input limit (1024 by default; OVMS refuses longer inputs rather than cut them) before embedding.
/// </summary>
public sealed class OvmsTokenizeClient : IDisposable
{
    private const string TokenizePath = "v3/tokenize";

    private readonly ServiceHttpClient _service;
    private readonly string _defaultModelId;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsTokenizeClient(HttpClient httpClient, OvmsOptions options)
        : this(OvmsService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient))), options)
    {
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsTokenizeClient(OvmsOptions options)
        : this(OvmsService.Create(options, httpClient: null), options)
    {
    }

    private OvmsTokenizeClient(ServiceHttpClient service, OvmsOptions options)
    {
        _service = service;
        _defaultModelId = options.EmbeddingModelId;
    }

    /// <summary>Tokenizes one text.</summary>
    /// <param name="text">The text.</param>
    /// <param name="options">The graph, truncation, padding and special tokens.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token ids.</returns>
    /// <exception cref="ProviderException">The server failed or answered something other than one list of ids.</exception>
    public async Task<int[]> TokenizeAsync(string text, OvmsTokenizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        return (await TokenizeAsync([text], options, cancellationToken).ConfigureAwait(false))[0];
    }

    /// <summary>Tokenizes several texts in one request.</summary>
    /// <param name="texts">The texts; at least one, none <see langword="null"/>.</param>
    /// <param name="options">The graph, truncation, padding and special tokens.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The token ids of each text, in order.</returns>
    /// <exception cref="ArgumentException">No text, a <see langword="null"/> text, or a <see cref="OvmsTokenizeOptions.MaxLength"/> below 1; nothing was sent.</exception>
    /// <exception cref="ProviderException">The server failed or answered a list that does not fit the texts.</exception>
    public Task<IReadOnlyList<int[]>> TokenizeAsync(IReadOnlyList<string> texts, OvmsTokenizeOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0)
        {
            throw new ArgumentException("Tokenizing needs at least one text (OVMS refuses an empty list).", nameof(texts));
        }

        for (int i = 0; i < texts.Count; i++)
        {
            if (texts[i] is null)
            {
                throw new ArgumentException($"Text {i} is null.", nameof(texts));
            }
        }

        if (options?.MaxLength is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.MaxLength, "OvmsTokenizeOptions.MaxLength must be positive.");
        }

        var body = new TokenizeRequestBody
        {
            Model = options?.ModelId ?? _defaultModelId,
            Text = texts,
            MaxLength = options?.MaxLength,
            PadToMaxLength = options?.PadToMaxLength,
            AddSpecialTokens = options?.AddSpecialTokens,
            PaddingSide = options?.PaddingSide switch
            {
                null => null,
                OvmsPaddingSide.Left => "left",
                OvmsPaddingSide.Right => "right",
                var other => throw new ArgumentOutOfRangeException(nameof(options), other, "OvmsTokenizeOptions.PaddingSide must be Left or Right."),
            },
        };

        return OvmsService.GuardAsync(async () =>
        {
            var response = await _service.PostJsonAsync(TokenizePath, body, OvmsJsonContext.Default.TokenizeRequestBody,
                OvmsJsonContext.Default.TokenizeResponseBody, cancellationToken).ConfigureAwait(false);
            return ToSequences(response.Tokens, texts.Count);
        });
    }

    /// <inheritdoc />
    public void Dispose() => _service.Dispose();

    private IReadOnlyList<int[]> ToSequences(JsonElement tokens, int expected)
    {
        if (tokens.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("the answer has no 'tokens' array.");
        }

        // OVMS answers a single sequence flat, even for a one-item list, and several as a list of lists.
        bool flat = tokens.GetArrayLength() == 0 || tokens[0].ValueKind == JsonValueKind.Number;
        if (flat)
        {
            return expected == 1 ? [ToIds(tokens, 0)] : throw Invalid($"the answer holds one token list for {expected} texts.");
        }

        int count = tokens.GetArrayLength();
        if (count != expected)
        {
            throw Invalid($"the answer holds {count} token lists for {expected} texts.");
        }

        var sequences = new int[count][];
        for (int i = 0; i < count; i++)
        {
            sequences[i] = tokens[i].ValueKind == JsonValueKind.Array ? ToIds(tokens[i], i) : throw Invalid($"token list {i} is not an array.");
        }

        return sequences;
    }

    private int[] ToIds(JsonElement list, int index)
    {
        var ids = new int[list.GetArrayLength()];
        int k = 0;
        foreach (var id in list.EnumerateArray())
        {
            ids[k++] = id.ValueKind == JsonValueKind.Number && id.TryGetInt32(out int value)
                ? value
                : throw Invalid($"token list {index}: entry {k} is not an integer id.");
        }

        return ids;
    }

    private InvalidResponseException Invalid(string problem) => new(OvmsService.Name, $"OVMS tokenize: {problem}");
}
