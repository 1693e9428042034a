// Retrieval-augmented generation over late-interaction embeddings. A small document set is indexed twice: each
// passage embedded by a real local text model (all-MiniLM-L6-v2 on ONNX Runtime, one vector per token), and each
// page (rendered here with SkiaSharp) embedded as an image by ColQwen. The two are different models, so each kind
// is ranked in its own collection; the passages decide the sources. A question is embedded as a query and matched
// by MaxSim; a passage below the relevance threshold is not an answer. The relevant passages go to a chat model
// that answers citing them as [1], [2]; and a PNG heat map shows which words of the best page matched which query
// tokens.
//
//   COLQWEN_URL     the ColQwen service, e.g. http://localhost:7000 (unset: the in-process emulator)
//   SCIBOX_URL      SciBox, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//   RAG_OUTPUT_DIR  where the heat map is written (default: rag-output); --output DIR overrides it
//
//   dotnet run --project samples/Rag -- ["your question"] [--output DIR] [--evaluate] [--help]

using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Providers.Core;
using Providers.VectorData;

namespace Providers.Samples.Rag;

/// <summary>The RAG sample's program, callable in-process (the smoke tests run it against the emulator).</summary>
public static class RagSample
{
    /// <summary>The question asked when none is given.</summary>
    public const string DefaultQuestion = "Where did Gutenberg build his printing press?";

    private const int IndexBatchSize = 2;
    private const int ShownHits = 3;
    private const int MaxSources = 3;

    /// <summary>Indexes the bundled documents, answers one question and writes the heat map.</summary>
    /// <param name="args">An optional question, <c>--output DIR</c>, <c>--evaluate</c>, <c>--help</c>.</param>
    /// <param name="output">Where the sample prints.</param>
    /// <param name="environment">Reads environment variables; null reads the process's. Tests pass one that returns null, to run offline.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 on success (an answer, or "not found"), 2 on any failure, said in one line.</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            await using var endpoints = new SampleServices(output, environment);
            var arguments = RagArguments.Parse(args, endpoints.GetVariable("RAG_OUTPUT_DIR"));
            if (arguments.Help)
            {
                output.WriteLine(RagArguments.Usage);
                return 0;
            }

            await RunAsync(arguments, endpoints, output, cancellationToken);
            return 0;
        }
        catch (Exception e)
        {
            // One line, whatever failed: a service, the model, the disk, the command line.
            string reason = e is OperationCanceledException ? "cancelled." : e.Message.ReplaceLineEndings(" ");
            output.WriteLine($"Failed: {reason}");
            return 2;
        }
    }

    /// <summary>The documents of the relevant hits, best first, at most <see cref="MaxSources"/>: what the chat model answers from.</summary>
    internal static List<SourceDocument> RelevantSources(IReadOnlyList<PassageHit> passageHits, IReadOnlyList<SourceDocument> documents) =>
        [.. passageHits.Where(h => h.IsRelevant).Take(MaxSources).Select(h => documents.First(d => d.Id == h.Passage.DocumentId))];

    private static async Task RunAsync(RagArguments arguments, SampleServices endpoints, TextWriter output, CancellationToken cancellationToken)
    {
        var documents = SourceDocument.LoadBundled();
        using var retriever = await TextRetriever.CreateAsync(documents, cancellationToken);
        output.WriteLine($"Passages: {retriever.ModelId} on ONNX Runtime, in-process ({documents.Count} documents)");
        var scibox = await endpoints.SciBoxAsync(cancellationToken);

        // The clients, registered as an application would: every call retried on transient failures.
        var services = new ServiceCollection();
        services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (scibox.Endpoint, scibox.ApiKey)).UseRetry();
        if (arguments.Evaluate)
        {
            await using var chatOnly = services.BuildServiceProvider();
            await EvaluationQuestion.EvaluateAsync(retriever, documents, chatOnly.GetRequiredService<IChatClient>(), output, cancellationToken);
            return;
        }

        var colqwen = await endpoints.ColQwenAsync(cancellationToken);
        services.AddColQwenEmbeddingGenerator(o => o.Endpoint = colqwen.Endpoint).UseRetry();
        services.AddColQwenImageEmbeddingGenerator(o => o.Endpoint = colqwen.Endpoint).UseRetry();
        await using var provider = services.BuildServiceProvider();
        var pageQueryEmbedder = provider.GetRequiredService<IEmbeddingGenerator<string, MultiVectorEmbedding>>();
        var pageEmbedder = provider.GetRequiredService<IEmbeddingGenerator<AIContent, MultiVectorEmbedding>>();
        var chat = provider.GetRequiredService<IChatClient>();

        // The pages, rendered, and indexed by ColQwen in a collection of their own.
        var pages = documents.ToDictionary(d => d.Id, PageRenderer.Render);
        output.WriteLine($"{documents.Count} documents, each also rendered as a {PageRenderer.Width}x{PageRenderer.Height} page");
        if (!PageRenderer.CanDrawText)
        {
            output.WriteLine("No font was found, so the pages are blank: install one (for example fonts-dejavu-core).");
        }

        var pageIndex = new LateInteractionVectorStore().GetCollection<string, PageRecord>("pages");
        await pageIndex.EnsureCollectionExistsAsync(cancellationToken);
        var progress = new ProgressBar(output, "Indexing pages", documents.Count);
        foreach (var batch in documents.Chunk(IndexBatchSize))
        {
            var embeddings = await pageEmbedder.GenerateAsync(batch.Select(d => new DataContent(pages[d.Id].Png, "image/png")), cancellationToken: cancellationToken);
            await pageIndex.UpsertAsync(batch.Select((d, i) => new PageRecord { DocumentId = d.Id, Title = d.Title, Embedding = embeddings[i] }), cancellationToken);
            progress.Advance(batch.Length);
        }

        // Each kind ranked on its own scale: passages by the text model, pages by ColQwen.
        output.WriteLine();
        output.WriteLine($"Question: {arguments.Question}");
        var query = await retriever.EmbedQuestionAsync(arguments.Question, cancellationToken);
        var passageHits = await retriever.SearchAsync(query, cancellationToken);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Passages ({retriever.ModelId}; mean MaxSim per query token, relevant from {TextRetriever.RelevanceThreshold:F2}):"));
        foreach (var hit in passageHits.Take(ShownHits))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {hit.Relevance,5:F2}  {hit.Passage.Title}"));
        }

        var pageQuery = await pageQueryEmbedder.GenerateAsync(arguments.Question, cancellationToken: cancellationToken);
        output.WriteLine($"Pages ({(colqwen.IsEmulated ? "emulated ColQwen: stand-in vectors" : "ColQwen")}; MaxSim, its own scale, not mixed with passages):");
        await foreach (var hit in pageIndex.SearchAsync(pageQuery, ShownHits, cancellationToken: cancellationToken))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {hit.Score,5:F2}  {hit.Record.Title}"));
        }

        var sources = RelevantSources(passageHits, documents);
        output.WriteLine();
        if (sources.Count == 0)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Not found: no passage reaches the relevance threshold {TextRetriever.RelevanceThreshold:F2} (best: {passageHits[0].Relevance:F2}, {passageHits[0].Passage.Title}), so nothing is cited and no map is drawn."));
            return;
        }

        // Answer from the relevant passages only.
        var answer = await chat.GetResponseAsync(GroundedPrompt.Create(arguments.Question, sources), cancellationToken: cancellationToken);
        output.WriteLine($"Answer: {answer.Text}");
        output.WriteLine("Sources:");
        for (int i = 0; i < sources.Count; i++)
        {
            bool cited = answer.Text.Contains($"[{i + 1}]", StringComparison.Ordinal);
            output.WriteLine($"  [{i + 1}] {sources[i].Title} ({sources[i].Id}){(cited ? ", cited" : string.Empty)}");
        }

        if (GroundedPrompt.QuotedSource(answer.Text, sources) is { } quoted)
        {
            output.WriteLine($"Quoted from [{quoted + 1}] {sources[quoted].Title}");
        }

        // Which words of the best passage's page answered which query tokens.
        var best = sources[0];
        var matches = WordMatches.Compute(query, await retriever.PassageTokensAsync(best.Id, cancellationToken), pages[best.Id].Words, retriever.Tokenizer);
        string heatMap = Path.Combine(arguments.OutputDirectory, $"heatmap-{best.Id}.png");
        HeatMapWriter.Write(heatMap, pages[best.Id], matches, $"\"{arguments.Question}\" on the page of [1] {best.Title}");
        var topWords = matches.TokenMatches.OrderByDescending(m => m.Cosine).Take(5).Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Token}->{m.Word} {m.Cosine:F2}"));
        output.WriteLine();
        output.WriteLine($"Heat map of the page of [1] ({query.Embedding.TokenCount} query tokens; best matches {string.Join(", ", topWords)}): {heatMap}");
    }
}
