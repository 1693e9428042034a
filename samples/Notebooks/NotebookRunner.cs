namespace Providers.Samples.Notebooks;

/// <summary>A notebook: a short sample that runs top to bottom and prints what it got.</summary>
/// <param name="Name">The name to run it by, e.g. <c>scibox-chat</c>.</param>
/// <param name="Summary">One line saying what it shows.</param>
/// <param name="RunAsync">The notebook's body.</param>
public sealed record Notebook(string Name, string Summary, Func<SampleServices, TextWriter, CancellationToken, Task> RunAsync);

/// <summary>Runs one notebook by name, or lists them all.</summary>
public static class NotebookRunner
{
    /// <summary>Gets every notebook, in the order they are listed.</summary>
    public static IReadOnlyList<Notebook> All { get; } =
    [
        new("sv-text-embeddings", "SV Ray: text embeddings, batched as the reference client does", SvRay.SvTextEmbeddings.RunAsync),
        new("sv-image-embeddings", "SV Ray: images and captions in one embedding space", SvRay.SvImageEmbeddings.RunAsync),
        new("gpt-oss-chat", "SV Ray: gpt-oss-20b chat, reasoning apart from the answer", SvRay.GptOssChat.RunAsync),
        new("qwen-vl-image", "SV inference: Qwen2.5-VL explains an image", SvInference.QwenVlImage.RunAsync),
        new("scibox-chat", "SciBox: chat with a system prompt and sampling settings", SciBox.SciBoxChat.RunAsync),
        new("scibox-streaming", "SciBox: a streamed answer and its token usage", SciBox.SciBoxStreaming.RunAsync),
        new("scibox-embeddings", "SciBox: bge-m3 embeddings of a batch and their similarity", SciBox.SciBoxEmbeddings.RunAsync),
        new("scibox-models", "SciBox: the models the service serves", SciBox.SciBoxModels.RunAsync),
        new("colqwen", "ColQwen: health, patch counts, query and image multi-vectors, MaxSim", ColQwen.ColQwenNotebook.RunAsync),
        new("local-colqwen", "ColQwen in-process on ONNX Runtime: pages, queries, MaxSim", Local.LocalColQwen.RunAsync),
        new("spirit-sync", "Spirit-GPU: run a handler synchronously", Spirit.SpiritSync.RunAsync),
        new("spirit-async-webhook", "Spirit-GPU: queue a job and receive its result on a webhook", Spirit.SpiritAsyncWebhook.RunAsync),
        new("spirit-proxy-chat", "Spirit-GPU proxy: chat through the OpenAI and Ollama APIs", Spirit.SpiritProxyChat.RunAsync),
        new("ovms", "OVMS: wait for the model, read its state, embed texts", Ovms.OvmsEmbeddings.RunAsync),
        new("middleware", "Middleware: batching, retry on 429, and the Providers meter", Pipelines.Middleware.RunAsync),
        new("dependency-injection", "Dependency injection: clients from configuration, validated at start", Pipelines.DependencyInjection.RunAsync),
        new("semantic-kernel", "Semantic Kernel: a search plugin over the late-interaction store, called by the model", SemanticKernel.SemanticKernelAgent.RunAsync),
    ];

    /// <summary>Runs the notebook named by <paramref name="args"/>[0]; with no name, lists the notebooks.</summary>
    /// <param name="args">The command line: a notebook name.</param>
    /// <param name="output">Where the notebook prints.</param>
    /// <param name="environment">Reads environment variables; null reads the process's. Tests pass one that returns null, to run offline.</param>
    /// <param name="cancellationToken">Stops the notebook.</param>
    /// <returns>0 on success, 1 for an unknown name, 2 when a service failed (the message says which and why).</returns>
    public static async Task<int> RunAsync(
        string[] args, TextWriter output, Func<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        if (args.Length == 0)
        {
            PrintList(output);
            return 0;
        }

        var notebook = All.FirstOrDefault(n => string.Equals(n.Name, args[0], StringComparison.OrdinalIgnoreCase));
        if (notebook is null)
        {
            output.WriteLine($"There is no notebook named '{args[0]}'.");
            PrintList(output);
            return 1;
        }

        output.WriteLine($"# {notebook.Name}: {notebook.Summary}");
        await using var services = new SampleServices(output, environment);
        try
        {
            await notebook.RunAsync(services, output, cancellationToken);
            return 0;
        }
        catch (Core.ProviderException e)
        {
            output.WriteLine($"Failed: {e.Message}");
            return 2;
        }
    }

    private static void PrintList(TextWriter output)
    {
        output.WriteLine("Usage: dotnet run --project samples/Notebooks -- <notebook>");
        output.WriteLine();
        foreach (var notebook in All)
        {
            output.WriteLine($"  {notebook.Name,-24} {notebook.Summary}");
        }
    }
}
