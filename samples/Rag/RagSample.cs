// Retrieval-augmented generation over late-interaction embeddings. A small document set is indexed with ColQwen,
// each document twice: its passage embedded as text, and its page (rendered here with SkiaSharp) embedded as an
// image. A question is embedded the same way and matched by MaxSim in the in-memory vector store; the best
// documents go to a chat model that answers citing them as [1], [2]; and a PNG heat map shows which patches of the
// best page matched which query tokens.
//
//   COLQWEN_URL     the ColQwen service, e.g. http://localhost:7000 (unset: the in-process emulator)
//   SCIBOX_URL      SciBox, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//   RAG_OUTPUT_DIR  where the heat map is written (default: rag-output); --output DIR overrides it
//
//   dotnet run --project samples/Rag -- ["your question"] [--output DIR]

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
    private const int SearchTop = 6;
    private const int MaxSources = 3;

    /// <summary>Indexes the bundled documents, answers one question and writes the heat map.</summary>
    /// <param name="args">An optional question and an optional <c>--output DIR</c>.</param>
    /// <param name="output">Where the sample prints.</param>
    /// <param name="environment">Reads environment variables; null reads the process's. Tests pass one that returns null, to run offline.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 on success, 2 when a service failed (the message says which and why).</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        await using var endpoints = new SampleServices(output, environment);
        var (question, outputDirectory) = ParseArguments(args, endpoints.GetVariable("RAG_OUTPUT_DIR"));
        try
        {
            await RunAsync(question, outputDirectory, endpoints, output, cancellationToken);
            return 0;
        }
        catch (ProviderException e)
        {
            output.WriteLine($"Failed: {e.Message}");
            return 2;
        }
    }

    private static async Task RunAsync(string question, string outputDirectory, SampleServices endpoints, TextWriter output, CancellationToken cancellationToken)
    {
        var colqwen = await endpoints.ColQwenAsync(cancellationToken);
        var scibox = await endpoints.SciBoxAsync(cancellationToken);

        // The clients, registered as an application would: every call retried on transient failures.
        var services = new ServiceCollection();
        services.AddColQwenEmbeddingGenerator(o => o.Endpoint = colqwen.Endpoint).UseRetry();
        services.AddColQwenImageEmbeddingGenerator(o => o.Endpoint = colqwen.Endpoint).UseRetry();
        services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (scibox.Endpoint, scibox.ApiKey)).UseRetry();
        await using var provider = services.BuildServiceProvider();
        var textEmbedder = provider.GetRequiredService<IEmbeddingGenerator<string, MultiVectorEmbedding>>();
        var pageEmbedder = provider.GetRequiredService<IEmbeddingGenerator<DataContent, MultiVectorEmbedding>>();
        var chat = provider.GetRequiredService<IChatClient>();

        // The documents, and each one's page as a PNG.
        var documents = SourceDocument.LoadBundled();
        var pages = documents.ToDictionary(d => d.Id, PageRenderer.RenderPng);
        output.WriteLine($"{documents.Count} documents, each also rendered as a {PageRenderer.Width}x{PageRenderer.Height} page");
        if (!PageRenderer.CanDrawText)
        {
            output.WriteLine("No font was found, so the pages are blank: install one (for example fonts-dejavu-core).");
        }

        // Index: passages embedded as text, pages as images, into one in-memory late-interaction collection.
        var collection = new LateInteractionVectorStore().GetCollection<string, CorpusRecord>("corpus");
        await collection.EnsureCollectionExistsAsync(cancellationToken);
        var progress = new ProgressBar(output, "Indexing", documents.Count * 2);
        foreach (var batch in documents.Chunk(IndexBatchSize))
        {
            var passageEmbeddings = await textEmbedder.GenerateAsync(batch.Select(d => d.Text), cancellationToken: cancellationToken);
            var pageEmbeddings = await pageEmbedder.GenerateAsync(batch.Select(d => new DataContent(pages[d.Id], "image/png")), cancellationToken: cancellationToken);
            await collection.UpsertAsync(batch.SelectMany((d, i) => new[] { Passage(d, passageEmbeddings[i]), Page(d, pageEmbeddings[i]) }), cancellationToken);
            progress.Advance(batch.Length * 2);
        }

        // Retrieve by late interaction: each query token finds its best match in a record, and the matches add up.
        output.WriteLine();
        output.WriteLine($"Question: {question}");
        var query = await textEmbedder.GenerateAsync(question, cancellationToken: cancellationToken);
        var hits = await collection.SearchAsync(query, SearchTop, cancellationToken: cancellationToken).ToListAsync(cancellationToken);
        foreach (var hit in hits)
        {
            output.WriteLine($"  {hit.Score,7:F2}  {hit.Record.Kind,-8} {hit.Record.Title}");
        }

        // Answer from the best documents, each counted once at its best passage or page.
        var sources = hits.Select(h => h.Record.DocumentId).Distinct().Take(MaxSources).Select(id => documents.First(d => d.Id == id)).ToList();
        var answer = await chat.GetResponseAsync(GroundedPrompt.Create(question, sources), cancellationToken: cancellationToken);
        output.WriteLine();
        output.WriteLine($"Answer: {answer.Text}");
        output.WriteLine("Sources:");
        for (int i = 0; i < sources.Count; i++)
        {
            bool cited = answer.Text.Contains($"[{i + 1}]", StringComparison.Ordinal);
            output.WriteLine($"  [{i + 1}] {sources[i].Title} ({sources[i].Id}){(cited ? ", cited" : string.Empty)}");
        }

        // Which patches of the best document's page matched which query tokens.
        var best = sources[0];
        var page = await collection.GetAsync(PageKey(best), new() { IncludeVectors = true }, cancellationToken);
        var similarity = PatchSimilarity.Compute(query, page!.Embedding!);
        string heatMap = Path.Combine(outputDirectory, $"heatmap-{best.Id}.png");
        HeatMapWriter.Write(heatMap, pages[best.Id], similarity, $"\"{question}\" on the page of [1] {best.Title}");
        output.WriteLine();
        output.WriteLine($"Heat map of the page of [1] ({similarity.GridWidth}x{similarity.GridHeight} patches, {similarity.QueryTokens} query tokens): {heatMap}");
    }

    private static CorpusRecord Passage(SourceDocument document, MultiVectorEmbedding embedding) => new()
    {
        Id = $"{document.Id}#passage",
        DocumentId = document.Id,
        Title = document.Title,
        Kind = CorpusRecord.PassageKind,
        Text = document.Text,
        Embedding = embedding,
    };

    private static CorpusRecord Page(SourceDocument document, MultiVectorEmbedding embedding) => new()
    {
        Id = PageKey(document),
        DocumentId = document.Id,
        Title = document.Title,
        Kind = CorpusRecord.PageKind,
        Text = document.Text,
        Embedding = embedding,
    };

    private static string PageKey(SourceDocument document) => $"{document.Id}#page";

    private static (string Question, string OutputDirectory) ParseArguments(string[] args, string? outputVariable)
    {
        string? question = null;
        string outputDirectory = outputVariable ?? "rag-output";
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--output" && i + 1 < args.Length)
            {
                outputDirectory = args[++i];
            }
            else
            {
                question = question is null ? args[i] : $"{question} {args[i]}";
            }
        }

        return (question ?? DefaultQuestion, outputDirectory);
    }
}
