using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SciBox.Tests.Chat;

public sealed class SciBoxChatResponseTests : IClassFixture<EmulatorFixture>
{
    private const string Context = "The capital of France is Paris. Bananas are yellow.";

    private readonly EmulatorFixture _fixture;

    public SciBoxChatResponseTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Answers_with_text_ids_finish_reason_and_usage()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        var response = await client.GetResponseAsync([new(ChatRole.System, Context), new(ChatRole.User, "What is the capital of France?")]);

        Assert.Equal("The capital of France is Paris.", response.Text);
        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
        Assert.Equal(SciBoxOptions.DefaultChatModelId, response.ModelId);
        Assert.False(string.IsNullOrEmpty(response.ResponseId));
        Assert.NotNull(response.CreatedAt);
        Assert.True(response.Usage?.InputTokenCount > 0);
        Assert.True(response.Usage?.OutputTokenCount > 0);
        Assert.Equal(response.Usage!.InputTokenCount + response.Usage.OutputTokenCount, response.Usage.TotalTokenCount);
    }

    [Fact]
    public async Task Reports_length_when_max_tokens_cut_the_answer()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        var response = await client.GetResponseAsync([new(ChatRole.System, Context), new(ChatRole.User, "What is the capital of France?")],
            new ChatOptions { MaxOutputTokens = 2 });

        Assert.Equal(ChatFinishReason.Length, response.FinishReason);
    }

    [Fact]
    public async Task Streams_text_that_adds_up_to_the_whole_answer()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        ChatMessage[] messages = [new(ChatRole.System, Context), new(ChatRole.User, "What is the capital of France?")];

        var updates = await client.GetStreamingResponseAsync(messages).ToListAsync();

        Assert.True(updates.Count > 3);
        Assert.Equal("The capital of France is Paris.", string.Concat(updates.Select(u => u.Text)));
        Assert.All(updates, u => Assert.Equal(updates[0].ResponseId, u.ResponseId));
        Assert.All(updates, u => Assert.Equal(ChatRole.Assistant, u.Role));
        Assert.Equal(SciBoxOptions.DefaultChatModelId, updates[0].ModelId);
        Assert.Equal(ChatFinishReason.Stop, updates.Last(u => u.FinishReason is not null).FinishReason);
    }

    [Fact]
    public async Task Streams_usage_once_from_the_LiteLLM_usage_chunk_that_keeps_a_choice()
    {
        using var client = new SciBoxChatClient(_fixture.Options);
        ChatMessage[] messages = [new(ChatRole.System, Context), new(ChatRole.User, "What is the capital of France?")];
        var whole = await client.GetResponseAsync(messages);

        var streamed = await client.GetStreamingResponseAsync(messages).ToListAsync();

        var usage = Assert.Single(streamed.SelectMany(u => u.Contents).OfType<UsageContent>()).Details;
        Assert.Equal(whole.Usage!.InputTokenCount, usage.InputTokenCount);
        Assert.Equal(whole.Usage.OutputTokenCount, usage.OutputTokenCount);
        Assert.Equal(whole.Usage.TotalTokenCount, streamed.ToChatResponse().Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task Raises_an_error_frame_that_arrives_mid_stream()
    {
        _fixture.Faults("v1/chat/completions").ErrorFrameAfter(2);
        using var client = new SciBoxChatClient(_fixture.Options);
        var received = new List<ChatResponseUpdate>();

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync("What is the capital of France?"))
            {
                received.Add(update);
            }
        });

        Assert.Equal(2, received.Count);
        Assert.Equal("500", error.ErrorCode);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Contains("mid-answer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_a_truncated_stream_instead_of_passing_off_part_of_an_answer()
    {
        _fixture.Faults("v1/chat/completions").TruncateStreamAfter(3);
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<StreamTruncatedException>(() => client.GetStreamingResponseAsync("What is the capital of France?").ToListAsync().AsTask());

        Assert.Equal("SciBox", error.ServiceName);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Raises_an_answer_cut_by_a_connection_reset_as_retryable()
    {
        _fixture.Faults("v1/chat/completions").ResetConnectionMidBody();
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("What is the capital of France?"));

        Assert.True(error.IsRetryable);
    }

    [Fact]
    public void Describes_itself_through_metadata()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("SciBox", metadata?.ProviderName);
        Assert.Equal(_fixture.Emulator.SciBoxBaseUrl, metadata?.ProviderUri);
        Assert.Equal("Qwen2.5-72B-Instruct-AWQ", metadata?.DefaultModelId);
        Assert.Same(client, client.GetService<SciBoxChatClient>());
        Assert.NotNull(client.GetService<ServiceHttpClient>());
        Assert.Null(client.GetService<ChatClientMetadata>(serviceKey: "other"));
    }

    [Fact]
    public async Task Cancels_a_request_in_flight()
    {
        _fixture.Faults("v1/chat/completions").Delay(TimeSpan.FromSeconds(30));
        using var client = new SciBoxChatClient(_fixture.Options);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetResponseAsync("Hello?", cancellationToken: cancellation.Token));
    }

    [Fact]
    public async Task Times_out_as_a_retryable_error_naming_the_service()
    {
        _fixture.Faults("v1/chat/completions").Delay(TimeSpan.FromSeconds(30));
        var options = _fixture.Options;
        options.Timeout = TimeSpan.FromMilliseconds(200);
        using var client = new SciBoxChatClient(options);

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => client.GetResponseAsync("Hello?"));

        Assert.True(error.IsRetryable);
        Assert.Contains("SciBox did not answer", error.Message, StringComparison.Ordinal);
    }
}
