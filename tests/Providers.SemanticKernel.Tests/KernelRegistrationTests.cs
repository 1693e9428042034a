using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;
using Providers.Core;

namespace Providers.SemanticKernel.Tests;

public sealed class KernelRegistrationTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9/");

    /// <summary>Every provider registers on <see cref="IKernelBuilder.Services"/> with its own IServiceCollection extension.</summary>
    public static TheoryData<string, Action<IKernelBuilder>, Type, string> Registrations => new()
    {
        { "SciBox chat", b => b.Services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (Endpoint, "key")), typeof(IChatClient), "SciBox" },
        { "SciBox embeddings", b => b.Services.AddSciBoxEmbeddingGenerator(o => (o.Endpoint, o.ApiKey) = (Endpoint, "key")), typeof(IEmbeddingGenerator<string, Embedding<float>>), "SciBox" },
        { "SV Ray chat", b => b.Services.AddSvRayChatClient(o => o.Endpoint = Endpoint), typeof(IChatClient), "SvRay" },
        { "SV Ray text embeddings", b => b.Services.AddSvRayEmbeddingGenerator(o => o.Endpoint = Endpoint), typeof(IEmbeddingGenerator<string, Embedding<float>>), "SvRay" },
        { "SV Ray image embeddings", b => b.Services.AddSvRayImageEmbeddingGenerator(o => o.Endpoint = Endpoint), typeof(IEmbeddingGenerator<AIContent, Embedding<float>>), "SvRay" },
        { "SV Ray ColBERT", b => b.Services.AddSvRayMultiVectorEmbeddingGenerator(o => o.Endpoint = Endpoint), typeof(IEmbeddingGenerator<string, MultiVectorEmbedding>), "SvRay" },
        { "SV Ray pages", b => b.Services.AddSvRayImageMultiVectorEmbeddingGenerator(o => o.Endpoint = Endpoint), typeof(IEmbeddingGenerator<AIContent, MultiVectorEmbedding>), "SvRay" },
        { "SV inference chat", b => b.Services.AddSvInferenceChatClient(o => o.Endpoint = Endpoint), typeof(IChatClient), "SvInference" },
        { "OVMS embeddings", b => b.Services.AddOvmsEmbeddingGenerator(o => o.Endpoint = Endpoint), typeof(IEmbeddingGenerator<string, Embedding<float>>), "OVMS" },
        { "ColQwen queries", b => b.Services.AddColQwenEmbeddingGenerator(o => o.Endpoint = Endpoint), typeof(IEmbeddingGenerator<string, MultiVectorEmbedding>), "ColQwen" },
        { "ColQwen pages", b => b.Services.AddColQwenImageEmbeddingGenerator(o => o.Endpoint = Endpoint), typeof(IEmbeddingGenerator<AIContent, MultiVectorEmbedding>), "ColQwen" },
        { "Spirit proxy chat", b => b.Services.AddSpiritProxyChatClient(o => (o.Endpoint, o.ApiKey, o.ServerlessId) = (Endpoint, "key", "id")), typeof(IChatClient), "Spirit" },
        { "Spirit Ollama chat", b => b.Services.AddSpiritOllamaChatClient(o => (o.Endpoint, o.ApiKey, o.ServerlessId) = (Endpoint, "key", "id")), typeof(IChatClient), "Spirit" },
    };

    [Theory]
    [MemberData(nameof(Registrations))]
    public void Each_provider_becomes_a_kernel_service_pointing_at_its_endpoint(string name, Action<IKernelBuilder> register, Type serviceType, string providerName)
    {
        var builder = Kernel.CreateBuilder();
        register(builder);

        var service = builder.Build().Services.GetRequiredService(serviceType);

        var (provider, uri) = Describe(service);
        Assert.True(provider.StartsWith(providerName, StringComparison.OrdinalIgnoreCase), $"{name}: provider '{provider}'");
        Assert.StartsWith(Endpoint.ToString(), uri?.ToString());
    }

    [Fact]
    public void A_keyed_registration_is_the_kernel_service_with_that_id_beside_the_default_one()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (Endpoint, "key"));
        builder.Services.AddKeyedSvRayChatClient("reasoning", o => o.Endpoint = new Uri("http://127.0.0.1:10/"));

        var kernel = builder.Build();

        Assert.Equal("SciBox", kernel.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()!.ProviderName);
        Assert.Equal(new Uri("http://127.0.0.1:10/"), kernel.GetRequiredService<IChatClient>("reasoning").GetService<ChatClientMetadata>()!.ProviderUri);
    }

    [Fact]
    public void The_builder_wraps_the_client_in_the_middleware_it_adds()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSciBoxChatClient(o => (o.Endpoint, o.ApiKey) = (Endpoint, "key")).UseKernelFunctionInvocation().UseRetry();
        var kernel = builder.Build();

        Assert.NotNull(kernel.GetRequiredService<IChatClient>().GetService<RetryingChatClient>());
    }

    [Fact]
    public void Options_bind_from_a_configuration_section()
    {
        var configuration = Configure(new()
        {
            ["Providers:SciBox:Endpoint"] = "http://127.0.0.1:11/",
            ["Providers:SciBox:ApiKey"] = "key",
            ["Providers:SciBox:ChatModelId"] = "Qwen3-32B",
        });

        var kernel = KernelWithConfiguration(configuration);

        var metadata = kernel.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>()!;
        Assert.Equal(new Uri("http://127.0.0.1:11/"), metadata.ProviderUri);
        Assert.Equal("Qwen3-32B", metadata.DefaultModelId);
    }

    [Fact]
    public void A_missing_setting_fails_resolution_naming_the_setting_and_the_section()
    {
        var configuration = Configure(new() { ["Providers:SciBox:Endpoint"] = "http://127.0.0.1:11/" });
        var kernel = KernelWithConfiguration(configuration);

        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => kernel.GetRequiredService<IChatClient>());

        Assert.Contains("SciBoxOptions.ApiKey is required", error.Message);
        Assert.Contains("'Providers:SciBox'", error.Message);
    }

    [Fact]
    public void A_keyed_client_is_validated_under_its_own_name()
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddKeyedSvInferenceChatClient("vision", o => o.ModelId = "");
        var kernel = builder.Build();

        var error = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() => kernel.GetRequiredService<IChatClient>("vision"));

        Assert.Contains("SvInferenceOptions.ModelId must not be empty", error.Message);
    }

    /// <summary>A kernel has no host, so the application registers its configuration itself.</summary>
    private static Kernel KernelWithConfiguration(IConfiguration configuration)
    {
        var builder = Kernel.CreateBuilder();
        builder.Services.AddSingleton(configuration);
        builder.Services.AddSciBoxChatClient();
        return builder.Build();
    }

    private static IConfiguration Configure(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static (string Provider, Uri? Uri) Describe(object service) => service switch
    {
        IChatClient chat when chat.GetService<ChatClientMetadata>() is { } m => (m.ProviderName ?? string.Empty, m.ProviderUri),
        IEmbeddingGenerator generator when generator.GetService(typeof(EmbeddingGeneratorMetadata)) is EmbeddingGeneratorMetadata m => (m.ProviderName ?? string.Empty, m.ProviderUri),
        _ => throw new InvalidOperationException($"{service.GetType()} has no metadata."),
    };
}
