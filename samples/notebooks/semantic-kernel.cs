// Semantic Kernel over our providers: a kernel whose chat client is SciBox, whose vector store is the in-memory
// late-interaction store embedding with ColQwen, and whose plugin searches that store. The model decides to call
// the search function and answers from what it found; the same tool loop runs through IChatCompletionService.
//
//   SCIBOX_URL      SciBox's base URL, e.g. https://llm.t1v.scibox.tech (unset: the in-process emulator)
//   SCIBOX_API_KEY  your SciBox token (required with SCIBOX_URL)
//   COLQWEN_URL     the ColQwen service, e.g. http://localhost:7000 (unset: the in-process emulator)
//
//   dotnet run samples/notebooks/semantic-kernel.cs
#:project ../../src/Providers.SemanticKernel/Providers.SemanticKernel.csproj
#:project ../../src/Providers.SciBox/Providers.SciBox.csproj
#:project ../../src/Providers.ColQwen/Providers.ColQwen.csproj
#:project ../../src/Providers.VectorData/Providers.VectorData.csproj
#:project ../Shared/Providers.Samples.Shared.csproj
// Semantic Kernel and the in-process emulator use reflection (JSON, plugins): no native AOT, a file-based app's default.
#:property PublishAot=false

using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Data;
using Providers.Core;
using Providers.Samples;

await using var services = new SampleServices(Console.Out);
var scibox = await services.SciBoxAsync();
var colqwen = await services.ColQwenAsync();

var builder = Kernel.CreateBuilder();
builder.Services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (scibox.Endpoint, scibox.ApiKey))
    .UseKernelFunctionInvocation()   // outermost, as Semantic Kernel's own connectors do: a retry never reruns a plugin
    .UseRetry();
builder.Services.AddColQwenEmbeddingGenerator(o => o.Endpoint = colqwen.Endpoint).UseRetry();
var kernel = builder.AddLateInteractionVectorStore().Build();

// The library: the store embeds each passage with ColQwen as it is upserted.
var library = kernel.GetRequiredService<VectorStore>().GetCollection<string, LibraryPassage>("library");
await library.EnsureCollectionExistsAsync();
await library.UpsertAsync(
[
    new() { Id = "press", Title = "The printing press", Text = "Johannes Gutenberg built the first movable-type printing press in Mainz around 1440." },
    new() { Id = "etna", Title = "Mount Etna", Text = "Mount Etna on the east coast of Sicily is the most active volcano in Europe." },
    new() { Id = "bees", Title = "The waggle dance", Text = "Honey bees tell their nest mates where food is with the waggle dance." },
]);

// The plugin: Semantic Kernel's text search over the store, scored by MaxSim.
#pragma warning disable SKEXP0001 // VectorStoreTextSearch is experimental in Semantic Kernel 1.82.
kernel.Plugins.Add(new VectorStoreTextSearch<LibraryPassage>(library).CreateWithGetTextSearchResults("Library"));
#pragma warning restore SKEXP0001
var search = await kernel.InvokeAsync("Library", "GetTextSearchResults", new() { ["query"] = "volcano in Sicily", ["count"] = 1 });
Console.WriteLine($"search \"volcano in Sicily\": {search.GetValue<List<TextSearchResult>>()![0].Name}");

// The agent: with automatic function choice, the model calls the search function and answers from its result.
var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };
string question = "Use the Library_GetTextSearchResults tool with query=\"Gutenberg printing press\", count=2. " +
    "Where did Gutenberg build his printing press?";
var answer = await kernel.InvokePromptAsync(question, new(settings));
Console.WriteLine($"kernel prompt: {answer}");

// The same loop through the IChatCompletionService most Semantic Kernel code is written against.
var chat = kernel.GetRequiredService<IChatClient>().AsChatCompletionService();
var history = new ChatHistory("You answer from the library only.");
history.AddUserMessage("Use the Library_GetTextSearchResults tool with query=\"honey bees\", count=1. How do bees tell where food is?");
var reply = await chat.GetChatMessageContentAsync(history, settings, kernel);
Console.WriteLine($"chat completion service: {reply.Content}");

/// <summary>A passage of the notebook's little library. The store embeds <see cref="Text"/> itself, with the kernel's ColQwen generator.</summary>
internal sealed class LibraryPassage
{
    [VectorStoreKey]
    public required string Id { get; set; }

    [VectorStoreData]
    [TextSearchResultName]
    public required string Title { get; set; }

    [VectorStoreData]
    [TextSearchResultValue]
    public required string Text { get; set; }

    /// <summary>What the store embeds: the passage's text, turned into token vectors by the store's generator.</summary>
    [VectorStoreVector(128)]
    public string Embedding => this.Text;
}
