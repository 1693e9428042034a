using Providers.Core;

namespace Providers.Ovms;

/// <summary>Ranks documents by relevance to a query with an OVMS rerank graph (<c>POST /v3/rerank</c>).</summary>
public sealed class OvmsRerankClient : IDisposable
{
    private const string RerankPath = "v3/rerank";

    private readonly ServiceHttpClient _service;
    private readonly string? _defaultModelId;

    /// <summary>Initializes a new instance that sends through <paramref name="httpClient"/> and does not dispose it.</summary>
    /// <param name="httpClient">The HTTP client, for example from <c>IHttpClientFactory</c>.</param>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsRerankClient(HttpClient httpClient, OvmsOptions options)
    {
        _service = OvmsService.Create(options, httpClient ?? throw new ArgumentNullException(nameof(httpClient)));
        _defaultModelId = options.RerankModelId;
    }

    /// <summary>Initializes a new instance with an HTTP client of its own, disposed with it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <exception cref="ArgumentException">The settings are invalid; the message names each problem.</exception>
    public OvmsRerankClient(OvmsOptions options)
    {
        _service = OvmsService.Create(options, httpClient: null);
        _defaultModelId = options.RerankModelId;
    }

    /// <summary>Scores the documents against the query.</summary>
    /// <param name="query">The query.</param>
    /// <param name="documents">The documents; at least one.</param>
    /// <param name="options">The graph, how many results, whether to return texts.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The results, best first, as the server orders them.</returns>
    /// <exception cref="InvalidOperationException">No rerank graph is named here or in <see cref="OvmsOptions.RerankModelId"/>.</exception>
    /// <exception cref="ProviderException">The server failed or answered results that do not fit the request.</exception>
    public Task<IReadOnlyList<RerankResult>> RerankAsync(
        string query, IReadOnlyList<string> documents, OvmsRerankOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            throw new ArgumentException("Reranking needs at least one document.", nameof(documents));
        }

        for (int i = 0; i < documents.Count; i++)
        {
            if (documents[i] is null)
            {
                throw new ArgumentException($"Document {i} is null; OVMS can only rank text.", nameof(documents));
            }
        }

        if (options?.TopN is <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.TopN, "OvmsRerankOptions.TopN must be positive.");
        }

        var body = new RerankRequestBody
        {
            Model = options?.ModelId ?? _defaultModelId ?? throw new InvalidOperationException(
                "No rerank graph: set OvmsOptions.RerankModelId or OvmsRerankOptions.ModelId."),
            Query = query,
            Documents = documents,
            TopN = options?.TopN,
            ReturnDocuments = options?.ReturnDocuments,
        };

        return OvmsService.GuardAsync(async () =>
        {
            var response = await _service.PostJsonAsync(RerankPath, body, OvmsJsonContext.Default.RerankRequestBody,
                OvmsJsonContext.Default.RerankResponseBody, cancellationToken).ConfigureAwait(false);
            return ToResults(response, documents.Count, Math.Min(body.TopN ?? documents.Count, documents.Count));
        });
    }

    /// <inheritdoc />
    public void Dispose() => _service.Dispose();

    private IReadOnlyList<RerankResult> ToResults(RerankResponseBody response, int documentCount, int expected)
    {
        var items = response.Results ?? throw Invalid("the answer has no 'results' array.");
        if (items.Count != expected)
        {
            throw Invalid($"the answer holds {items.Count} results for {documentCount} documents ({expected} expected).");
        }

        var seen = new bool[documentCount];
        var results = new RerankResult[items.Count];
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            int index = item.Index ?? throw Invalid($"result {i} has no 'index'.");
            if ((uint)index >= (uint)documentCount || seen[index])
            {
                throw Invalid($"result {i} points at document {index}, which is out of range or already ranked.");
            }

            double score = item.RelevanceScore is { } s && double.IsFinite(s) ? s : throw Invalid($"result {i} has no finite 'relevance_score'.");
            seen[index] = true;
            results[i] = new RerankResult(index, score, item.Document?.Text);
        }

        return results;
    }

    private InvalidResponseException Invalid(string problem) => new(OvmsService.Name, $"OVMS rerank: {problem}");
}
