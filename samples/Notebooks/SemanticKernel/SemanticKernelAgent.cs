// Semantic Kernel over our providers: a kernel whose chat client is SciBox, whose vector store is the in-memory
// late-interaction store embedding with ColQwen, and whose plugin searches that store. The model decides to call
// the search function and answers from what it found; the same tool loop runs through IChatCompletionService.
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//   COLQWEN_URL     the ColQwen service, e.g. http://localhost:7000 (unset: the in-process emulator)
//
//   dotnet run --project samples/Notebooks -- semantic-kernel

using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Data;
using Providers.Core;

namespace Providers.Samples.Notebooks.SemanticKernel;

internal static class SemanticKernelAgent
{
    public static async Task RunAsync(SampleServices services, TextWriter output, CancellationToken cancellationToken)
    {
        var scibox = await services.SciBoxAsync(cancellationToken);
        var colqwen = await services.ColQwenAsync(cancellationToken);

        var builder = Kernel.CreateBuilder();
        builder.Services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (scibox.Endpoint, scibox.ApiKey))
            .UseKernelFunctionInvocation()   // outermost, as Semantic Kernel's own connectors do: a retry never reruns a plugin
            .UseRetry();
        builder.Services.AddColQwenEmbeddingGenerator(o => o.Endpoint = colqwen.Endpoint).UseRetry();
        var kernel = builder.AddLateInteractionVectorStore().Build();

        // The library: the store embeds each passage with ColQwen as it is upserted.
        var library = kernel.GetRequiredService<VectorStore>().GetCollection<string, LibraryPassage>("library");
        await library.EnsureCollectionExistsAsync(cancellationToken);
        await library.UpsertAsync(
        [
            new() { Id = "press", Title = "The printing press", Text = "Johannes Gutenberg built the first movable-type printing press in Mainz around 1440." },
            new() { Id = "etna", Title = "Mount Etna", Text = "Mount Etna on the east coast of Sicily is the most active volcano in Europe." },
            new() { Id = "bees", Title = "The waggle dance", Text = "Honey bees tell their nest mates where food is with the waggle dance." },
        ], cancellationToken);

        // The plugin: Semantic Kernel's text search over the store, scored by MaxSim.
#pragma warning disable SKEXP0001 // VectorStoreTextSearch is experimental in Semantic Kernel 1.82.
        kernel.Plugins.Add(new VectorStoreTextSearch<LibraryPassage>(library).CreateWithGetTextSearchResults("Library"));
#pragma warning restore SKEXP0001
        var search = await kernel.InvokeAsync("Library", "GetTextSearchResults", new() { ["query"] = "volcano in Sicily", ["count"] = 1 }, cancellationToken);
        output.WriteLine($"search \"volcano in Sicily\": {search.GetValue<List<TextSearchResult>>()![0].Name}");

        // The agent: with automatic function choice, the model calls the search function and answers from its result.
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
        string question = "Use the Library_GetTextSearchResults tool with query=\"Gutenberg printing press\", count=2. " +
            "Where did Gutenberg build his printing press?";
        var answer = await kernel.InvokePromptAsync(question, new(settings), cancellationToken: cancellationToken);
        output.WriteLine($"kernel prompt: {answer}");

        // The same loop through the IChatCompletionService most Semantic Kernel code is written against.
        var chat = kernel.GetRequiredService<IChatClient>().AsChatCompletionService();
        var history = new ChatHistory("You answer from the library only.");
        history.AddUserMessage("Use the Library_GetTextSearchResults tool with query=\"honey bees\", count=1. How do bees tell where food is?");
        var reply = await chat.GetChatMessageContentAsync(history, settings, kernel, cancellationToken);
        output.WriteLine($"chat completion service: {reply.Content}");
    }
}
