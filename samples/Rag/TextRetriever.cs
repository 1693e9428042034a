using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.SentenceTransformers.Onnx;
using Providers.VectorData;

namespace Providers.Samples.Rag;

/// <summary>
/// Finds passages by late interaction with a real local text model, all-MiniLM-L6-v2 on ONNX Runtime: passages are
/// embedded as documents and questions as queries, one vector per token, and scored by MaxSim in the in-memory store.
/// </summary>
/// <remarks>
/// A hit's <see cref="PassageHit.Relevance"/> is its MaxSim divided by the question's token count: the mean, over
/// the question's tokens, of each one's best cosine in the passage, from -1 to 1. Questions the bundled documents
/// answer score 0.62 or more; unrelated ones at most 0.39 (Evaluation/questions.tsv), hence the threshold.
/// </remarks>
internal sealed class TextRetriever : IDisposable
{
    public const int Dimensions = 384;

    /// <summary>The relevance below which a passage is not taken to answer the question.</summary>
    public const float RelevanceThreshold = 0.5f;

    private static readonly EmbeddingGenerationOptions AsDocuments = InputType(SentenceInputType.Document);
    private static readonly EmbeddingGenerationOptions AsQuery = InputType(SentenceInputType.Query);

    private readonly SentenceTransformerModel _model = new(new SentenceTransformerOnnxOptions
    {
        ModelPackage = SentenceTransformerOnnxOptions.MiniLMPackage,
        ExecutionProvider = SentenceTransformerExecutionProvider.Cpu,
    });

    private readonly SentenceTransformerTokenEmbeddingGenerator _tokens;
    private readonly LateInteractionCollection<string, PassageRecord> _passages;

    private TextRetriever(LateInteractionCollection<string, PassageRecord> passages)
    {
        _tokens = new SentenceTransformerTokenEmbeddingGenerator(_model);
        _passages = passages;
    }

    /// <summary>Gets the model's id, for the output.</summary>
    public string ModelId => _model.Settings.ModelId;

    /// <summary>Gets the tokenizer, so that a page's words can be lined up with the passage's token vectors.</summary>
    public Microsoft.ML.Tokenizers.Tokenizer Tokenizer => _model.Tokenizer;

    public static async Task<TextRetriever> CreateAsync(IReadOnlyList<SourceDocument> documents, CancellationToken cancellationToken)
    {
        var passages = new LateInteractionVectorStore().GetCollection<string, PassageRecord>("passages");
        await passages.EnsureCollectionExistsAsync(cancellationToken);
        var retriever = new TextRetriever(passages);
        var embeddings = await retriever._tokens.GenerateAsync(documents.Select(d => d.Text), AsDocuments, cancellationToken);
        await passages.UpsertAsync(
            documents.Select((d, i) => new PassageRecord { DocumentId = d.Id, Title = d.Title, Text = d.Text, Embedding = embeddings[i] }),
            cancellationToken);
        return retriever;
    }

    /// <summary>Embeds the question as a query: one vector per token.</summary>
    public async Task<QueryTokens> EmbedQuestionAsync(string question, CancellationToken cancellationToken)
    {
        var embedding = (await _tokens.GenerateAsync([question], AsQuery, cancellationToken))[0];
        var tokens = _model.Tokenizer.EncodeToTokens(question, out _).Select(t => t.Value).ToArray();
        return new QueryTokens(embedding, tokens);
    }

    /// <summary>Ranks every passage against the question, best first.</summary>
    public async Task<IReadOnlyList<PassageHit>> SearchAsync(QueryTokens query, CancellationToken cancellationToken)
    {
        var hits = await _passages.SearchAsync(query.Embedding, top: 100, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        return [.. hits.Select(h => new PassageHit(h.Record, (float)(h.Score ?? 0) / query.Embedding.TokenCount))];
    }

    /// <summary>Gets a passage's token vectors back from the store.</summary>
    public async Task<MultiVectorEmbedding> PassageTokensAsync(string documentId, CancellationToken cancellationToken) =>
        (await _passages.GetAsync(documentId, new() { IncludeVectors = true }, cancellationToken))!.Embedding!;

    public void Dispose()
    {
        _tokens.Dispose();
        _model.Dispose();
    }

    private static EmbeddingGenerationOptions InputType(SentenceInputType type) =>
        new() { AdditionalProperties = new() { [SentenceTransformerModelSettings.InputTypeProperty] = type.ToString() } };
}

/// <summary>A question's token vectors and the tokens they belong to.</summary>
internal sealed record QueryTokens(MultiVectorEmbedding Embedding, string[] Tokens);

/// <summary>A passage and how relevant it is to the question (mean per-token MaxSim).</summary>
internal sealed record PassageHit(PassageRecord Passage, float Relevance)
{
    public bool IsRelevant => Relevance >= TextRetriever.RelevanceThreshold;
}
