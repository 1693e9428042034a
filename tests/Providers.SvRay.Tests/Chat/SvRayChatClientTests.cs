using System.Net;
using Microsoft.Extensions.AI;
using Newtonsoft.Json.Linq;
using Providers.Core;
using Providers.Emulator;
using Providers.SvRay.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.SvRay.Tests.Chat;

/// <summary>gpt-oss on the SV Ray cluster: reasoning in both field names, reasoning effort, vLLM's error shapes.</summary>
public sealed class SvRayChatClientTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "v1/chat/completions";
    private const string Context = "The sky is blue because air scatters blue light more than red light.";

    private static readonly ChatMessage[] Question = [new(ChatRole.System, Context), new(ChatRole.User, "Why is the sky blue?")];

    private readonly EmulatorFixture _fixture;

    public SvRayChatClientTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Sends_gpt_oss_with_the_reasoning_effort()
    {
        using var client = new SvRayChatClient(Options(_fixture.Emulator));

        await client.GetResponseAsync(Question, new ChatOptions { Reasoning = new ReasoningOptions { Effort = ReasoningEffort.High }, MaxOutputTokens = 500 });

        Snapshot.Match(JToken.Parse(_fixture.Requests[^1].Body));
    }

    [Theory]
    [InlineData("reasoning")]
    [InlineData("reasoning_content")]
    public async Task Reads_reasoning_from_either_field_name(string field)
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { ReasoningField = field });
        using var client = new SvRayChatClient(Options(emulator));

        var response = await client.GetResponseAsync(Question);

        var reasoning = Assert.Single(response.Messages[0].Contents.OfType<TextReasoningContent>());
        Assert.Contains("air scatters blue light", reasoning.Text, StringComparison.Ordinal);
        Assert.Equal(Context, response.Text);
    }

    [Theory]
    [InlineData("reasoning")]
    [InlineData("reasoning_content")]
    public async Task Streams_reasoning_from_either_field_name_before_the_answer(string field)
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { ReasoningField = field });
        using var client = new SvRayChatClient(Options(emulator));
        var whole = await client.GetResponseAsync(Question);

        var updates = await client.GetStreamingResponseAsync(Question).ToListAsync();

        var contents = updates.SelectMany(u => u.Contents).Where(c => c is TextReasoningContent or TextContent).ToList();
        int lastReasoning = contents.FindLastIndex(c => c is TextReasoningContent);
        int firstText = contents.FindIndex(c => c is TextContent);
        Assert.True(lastReasoning >= 0 && lastReasoning < firstText, "reasoning deltas come before content deltas");
        var streamed = updates.ToChatResponse();
        Assert.Equal(whole.Messages[0].Contents.OfType<TextReasoningContent>().Single().Text,
            string.Concat(streamed.Messages[0].Contents.OfType<TextReasoningContent>().Select(r => r.Text)));
        Assert.Equal(Context, streamed.Text);
    }

    [Fact]
    public async Task Keeps_the_reasoning_when_max_tokens_runs_out_before_the_answer()
    {
        using var client = new SvRayChatClient(Options(_fixture.Emulator));

        var response = await client.GetResponseAsync(Question, new ChatOptions { MaxOutputTokens = 3 });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
        Assert.Empty(response.Text);
        Assert.NotEmpty(response.Messages[0].Contents.OfType<TextReasoningContent>().Single().Text);
    }

    [Fact]
    public async Task Leaves_reasoning_out_when_asked_for_no_reasoning_output()
    {
        using var client = new SvRayChatClient(Options(_fixture.Emulator));
        var options = new ChatOptions { Reasoning = new ReasoningOptions { Output = ReasoningOutput.None } };

        var response = await client.GetResponseAsync(Question, options);
        var streamed = await client.GetStreamingResponseAsync(Question, options).ToListAsync();

        Assert.DoesNotContain(response.Messages[0].Contents, c => c is TextReasoningContent);
        Assert.DoesNotContain(streamed.SelectMany(u => u.Contents), c => c is TextReasoningContent);
        Assert.Equal(Context, response.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Raises_vLLMs_error_in_the_new_and_the_old_shape(bool legacyShape)
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { VllmLegacyErrorShape = legacyShape });
        using var client = new SvRayChatClient(Options(emulator));

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync(Question, new ChatOptions { ModelId = "openai/gpt-oss-120b" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("openai/gpt-oss-120b", error.Message, StringComparison.Ordinal);
        Assert.Equal("404", error.ErrorCode);
        Assert.Equal("NotFoundError", error.ErrorType);
    }

    [Fact]
    public async Task Retries_a_503_from_the_cluster()
    {
        _fixture.Faults(Route).FailNext(1, 503, retryAfter: "1");
        using var client = new SvRayChatClient(Options(_fixture.Emulator)).AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(10)).Build();

        var response = await client.GetResponseAsync(Question);

        Assert.Equal(Context, response.Text);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Sends_the_optional_key_as_a_bearer_token_and_none_without_it()
    {
        using var anonymous = new SvRayChatClient(Options(_fixture.Emulator));
        using var keyed = new SvRayChatClient(Options(_fixture.Emulator, apiKey: "placeholder"));

        await anonymous.GetResponseAsync(Question);
        await keyed.GetResponseAsync(Question);

        Assert.False(_fixture.Requests[0].Headers.ContainsKey("Authorization"));
        Assert.Equal("***", _fixture.Requests[1].Headers["Authorization"]);
    }

    [Fact]
    public void Describes_itself_through_metadata()
    {
        using var client = new SvRayChatClient(Options(_fixture.Emulator));

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("SvRay", metadata?.ProviderName);
        Assert.Equal(_fixture.Emulator.SvRayBaseUrl, metadata?.ProviderUri);
        Assert.Equal("openai/gpt-oss-20b", metadata?.DefaultModelId);
    }

    [Fact]
    public void Refuses_settings_without_an_endpoint_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => new SvRayChatClient(new SvRayChatOptions()));

        Assert.Contains("SvRayChatOptions.Endpoint is required", error.Message, StringComparison.Ordinal);
    }

    private static SvRayChatOptions Options(ProvidersEmulator emulator, string? apiKey = null) =>
        new() { Endpoint = emulator.SvRayBaseUrl, ApiKey = apiKey };
}
