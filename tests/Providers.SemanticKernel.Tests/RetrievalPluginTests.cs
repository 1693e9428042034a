using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.VectorData;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Data;
using Providers.Emulator;
using Providers.VectorData;

namespace Providers.SemanticKernel.Tests;

/// <summary>The late-interaction store behind a kernel plugin: Semantic Kernel's text search, scored by MaxSim over ColQwen vectors.</summary>
public sealed class RetrievalPluginTests : IAsyncLifetime
{
    private ProvidersEmulator _emulator = null!;
    private Kernel _kernel = null!;

    public async Task InitializeAsync()
    {
        _emulator = await ProvidersEmulator.StartAsync();
        var builder = Kernel.CreateBuilder();
        builder.Services.AddColQwenEmbeddingGenerator(o => o.Endpoint = _emulator.ColQwenBaseUrl);
        builder.Services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (_emulator.SciBoxBaseUrl, _emulator.Options.SciBoxApiKey))
            .UseKernelFunctionInvocation();
        _kernel = builder.AddLateInteractionVectorStore().Build();
        var collection = _kernel.GetRequiredService<VectorStore>().GetCollection<string, LibraryPassage>("library");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(LibraryPassage.Samples);
        _kernel.Plugins.Add(new VectorStoreTextSearch<LibraryPassage>(collection).CreateWithGetTextSearchResults("Library"));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public void The_kernel_s_store_embeds_with_the_kernel_s_multi_vector_generator()
    {
        var store = _kernel.GetRequiredService<VectorStore>();

        Assert.IsType<LateInteractionVectorStore>(store);
        Assert.Contains(_emulator.Requests.For(EmulatedService.ColQwen), r => r.Path.EndsWith("embed/queries", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_search_function_returns_the_passage_that_matches_the_query_best()
    {
        var result = await _kernel.InvokeAsync("Library", "GetTextSearchResults", new() { ["query"] = "Gutenberg printing press", ["count"] = 1 });

        var hit = Assert.Single(result.GetValue<List<TextSearchResult>>()!);
        Assert.Equal("The printing press", hit.Name);
        Assert.Equal(LibraryPassage.Samples[0].Text, hit.Value);
    }

    [Fact]
    public async Task The_model_calls_the_search_function_and_answers_from_what_it_found()
    {
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = FunctionChoiceBehavior.Auto() };

        var answer = await _kernel.InvokePromptAsync(
            "Use the Library_GetTextSearchResults tool with query=\"Gutenberg printing press\", count=1. Where did Gutenberg build his printing press?",
            new(settings));

        Assert.Contains("Mainz", answer.ToString());
    }

    [Fact]
    public async Task A_keyed_store_embeds_with_the_generator_registered_under_its_id()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddKeyedColQwenEmbeddingGenerator("pages", o => o.Endpoint = _emulator.ColQwenBaseUrl);
        var kernel = builder.AddLateInteractionVectorStore(serviceId: "pages").Build();
        var collection = kernel.Services.GetRequiredKeyedService<VectorStore>("pages").GetCollection<string, LibraryPassage>("library");
        await collection.EnsureCollectionExistsAsync();

        await collection.UpsertAsync(LibraryPassage.Samples);
        var hit = await collection.SearchAsync("active volcano in Sicily", top: 1).SingleAsync();

        Assert.Equal("etna", hit.Record.Id);
    }
}
