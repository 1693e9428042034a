using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Xunit;

namespace Providers.Testing.Conformance;

/// <summary>
/// What every <see cref="IChatClient"/> of this repository does, run against the emulator. A provider's test class
/// derives, says how to make its client, and overrides a test with <c>[Fact(Skip = "why")]</c> only for what its
/// service truly lacks.
/// </summary>
/// <typeparam name="TFixture">The provider's emulator fixture.</typeparam>
/// <param name="fixture">The emulator, seen from the provider's service.</param>
public abstract class ChatClientConformanceTests<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : ServiceEmulatorFixture
{
    /// <summary>A prompt the emulator's chat models answer with a call of the tool it names.</summary>
    protected const string ToolPrompt = "Use the tool get_weather with city=Paris, then tell me: what is the weather in Paris?";

    protected TFixture Fixture { get; } = Reset(fixture);

    /// <summary>Creates the provider's client, pointed at the emulator.</summary>
    protected abstract IChatClient CreateChatClient();

    [Fact]
    public virtual async Task Answers_a_prompt_with_one_assistant_message()
    {
        using var client = CreateChatClient();

        var response = await client.GetResponseAsync(Conversation());

        var message = Assert.Single(response.Messages);
        Assert.Equal(ChatRole.Assistant, message.Role);
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public virtual async Task Streams_the_answer_in_several_updates_that_add_up_to_it()
    {
        using var client = CreateChatClient();

        var updates = await client.GetStreamingResponseAsync(Conversation()).ToListAsync();

        Assert.True(updates.Count > 1, $"Expected the answer in several updates, got {updates.Count}.");
        var response = updates.ToChatResponse();
        Assert.False(string.IsNullOrWhiteSpace(response.Text));
        Assert.All(updates.Where(u => u.Role is not null), u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Equal(ChatFinishReason.Stop, updates.Last(u => u.FinishReason is not null).FinishReason);
    }

    [Fact]
    public virtual async Task Reports_token_usage()
    {
        using var client = CreateChatClient();

        var response = await client.GetResponseAsync(Conversation());

        Assert.NotNull(response.Usage);
        Assert.True(response.Usage.InputTokenCount > 0, "no input tokens reported");
        Assert.True(response.Usage.OutputTokenCount > 0, "no output tokens reported");
    }

    [Fact]
    public virtual async Task Reports_token_usage_at_the_end_of_a_stream()
    {
        using var client = CreateChatClient();

        var updates = await client.GetStreamingResponseAsync(Conversation()).ToListAsync();

        var usage = updates.SelectMany(u => u.Contents).OfType<UsageContent>().LastOrDefault();
        Assert.NotNull(usage);
        Assert.True(usage.Details.OutputTokenCount > 0, "no output tokens reported");
    }

    [Fact]
    public virtual async Task Sends_the_sampling_options_it_is_given()
    {
        using var client = CreateChatClient();

        await client.GetResponseAsync(Conversation(), new ChatOptions { Temperature = 0.25f, MaxOutputTokens = 17, TopP = 0.5f });

        var numbers = Numbers(JsonDocument.Parse(Fixture.Requests[^1].Body).RootElement).ToList();
        Assert.Contains(0.25, numbers);
        Assert.Contains(17, numbers);
        Assert.Contains(0.5, numbers);
    }

    [Fact]
    public virtual async Task Completes_a_function_calling_round_trip()
    {
        var cities = new List<string>();
        var tool = AIFunctionFactory.Create(
            (string city) =>
            {
                cities.Add(city);
                return $"The weather in {city} is sunny and warm.";
            },
            "get_weather",
            "Gets the weather in a city.");
        using var client = CreateChatClient().AsBuilder().UseFunctionInvocation().Build();

        var response = await client.GetResponseAsync(ToolPrompt, new ChatOptions { Tools = [tool] });

        Assert.Equal(["Paris"], cities);
        Assert.Contains(response.Messages.SelectMany(m => m.Contents), c => c is FunctionResultContent);
        Assert.Contains("sunny", response.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public virtual async Task Asks_for_json_when_the_response_format_says_so()
    {
        using var client = CreateChatClient();

        await client.GetResponseAsync(Conversation(), new ChatOptions { ResponseFormat = ChatResponseFormat.Json });

        Assert.Contains("json", Fixture.Requests[^1].Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public virtual async Task Answers_a_repeated_request_from_the_cache()
    {
        var cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));
        using var client = CreateChatClient().AsBuilder().UseDistributedCache(cache).Build();

        var first = await client.GetResponseAsync(Conversation());
        int requests = Fixture.Requests.Count;
        var second = await client.GetResponseAsync(Conversation());

        Assert.Equal(requests, Fixture.Requests.Count);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public virtual async Task Traces_a_call_with_the_provider_address_and_model()
    {
        string source = $"conformance-{Guid.NewGuid():N}";
        var activities = new List<Activity>();
        using var listener = ConformanceTracing.Listen(source, activities);
        using var client = CreateChatClient().AsBuilder().UseOpenTelemetry(sourceName: source).Build();

        await client.GetResponseAsync(Conversation());

        var metadata = client.GetService<ChatClientMetadata>()!;
        ConformanceTracing.AssertOneCallTraced(activities, metadata.ProviderName, metadata.DefaultModelId);
    }

    [Fact]
    public virtual async Task Stops_when_the_call_is_cancelled()
    {
        using var client = CreateChatClient();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync(Conversation(), cancellationToken: cancellation.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Conversation(), cancellationToken: cancellation.Token))
            {
                _ = update;
            }
        });
    }

    [Fact]
    public virtual void Describes_itself_through_GetService()
    {
        using var client = CreateChatClient();

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.NotNull(metadata);
        ConformanceTracing.AssertDescribesLoopbackService(metadata.ProviderName, metadata.ProviderUri, metadata.DefaultModelId);
        Assert.Same(client, client.GetService(client.GetType()));
        Assert.Null(client.GetService(typeof(ChatClientMetadata), serviceKey: "some key"));
    }

    /// <summary>A conversation the emulator's models answer from the context they are given.</summary>
    protected static ChatMessage[] Conversation() =>
    [
        new(ChatRole.System, "You are a friendly assistant. Augustin-Jean Fresnel designed the Fresnel lens for lighthouses in 1822."),
        new(ChatRole.User, "Who designed the Fresnel lens, and when?"),
    ];

    private static TFixture Reset(TFixture fixture)
    {
        fixture.Reset();
        return fixture;
    }

    private static IEnumerable<double> Numbers(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number => [Math.Round(element.GetDouble(), 6)],
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Numbers(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Numbers),
        _ => [],
    };
}
