using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Emulator;
using Providers.Spirit.Tests.Support;
using Snapshooter.Xunit;

namespace Providers.Spirit.Tests.ChatCompletion;

public sealed class SpiritHandlerChatClientTests
{
    [Fact]
    public async Task Maps_the_chat_to_the_handlers_input_and_its_output_to_the_response()
    {
        await using var harness = await SpiritHarness.StartAsync();
        using IChatClient chat = new SpiritHandlerChatClient(harness.PollingClient(), HandlerMappings.Chat());

        var response = await chat.GetResponseAsync([new(ChatRole.System, "Be brief."), new(ChatRole.User, "Why is the sky blue?")], new ChatOptions { Temperature = 0.5f });

        Assert.Equal("echo: Why is the sky blue?", response.Text);
        Assert.Equal("echo-1", response.ModelId);
        var request = Assert.Single(harness.Requests);
        Assert.Equal("/v1/emulator-serverless/sync", request.Path);
        Snapshot.Match(request.Body);
    }

    [Fact]
    public async Task Runs_the_handler_as_a_job_and_waits_for_its_webhook_when_asked_to()
    {
        await using var harness = await SpiritHarness.StartAsync();
        using IChatClient chat = new SpiritHandlerChatClient(
            harness.ListeningClient(o => o.MaxPollInterval = TimeSpan.FromSeconds(30)), HandlerMappings.Chat(SpiritInvocation.Async));

        var response = await chat.GetResponseAsync("Summarize the book.");

        Assert.Equal("echo: Summarize the book.", response.Text);
        Assert.Equal("/v1/emulator-serverless/async", harness.Requests[0].Path);
        Assert.DoesNotContain(harness.Requests, r => r.Path.EndsWith("/sync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Streams_the_whole_response_as_updates_once_the_handler_is_done()
    {
        await using var harness = await SpiritHarness.StartAsync();
        using IChatClient chat = new SpiritHandlerChatClient(harness.PollingClient(), HandlerMappings.Chat());

        var updates = await chat.GetStreamingResponseAsync("Hello").ToListAsync();

        Assert.Equal("echo: Hello", updates.ToChatResponse().Text);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task Output_the_mapping_cannot_read_is_an_invalid_response_naming_the_service()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var mapping = HandlerMappings.Chat();
        using IChatClient chat = new SpiritHandlerChatClient(harness.PollingClient(), new SpiritHandlerChatOptions
        {
            CreateInput = mapping.CreateInput,
            ReadResponse = result => new ChatResponse(new ChatMessage(ChatRole.Assistant, result.GetJson().GetProperty("choices").GetString())),
        });

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => chat.GetResponseAsync("Hello"));

        Assert.Equal(SpiritJobClient.ServiceName, error.ServiceName);
        Assert.Contains("could not be read as a chat response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describes_itself_through_get_service()
    {
        await using var harness = await SpiritHarness.StartAsync();
        var jobClient = harness.PollingClient();
        using IChatClient chat = new SpiritHandlerChatClient(jobClient, HandlerMappings.Chat());

        var metadata = chat.GetService<ChatClientMetadata>();

        Assert.Equal(("Spirit-GPU", harness.Emulator.SpiritBaseUrl, "echo-1"), (metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId));
        Assert.Same(jobClient, chat.GetService<SpiritJobClient>());
        Assert.NotNull(chat.GetService<ServiceHttpClient>());
        Assert.Null(chat.GetService<ChatClientMetadata>(serviceKey: "other"));
    }

    [Fact]
    public async Task The_retry_middleware_retries_a_gpu_shortage_until_the_handler_runs()
    {
        await using var harness = await SpiritHarness.StartAsync();
        harness.Emulator.Faults.For(EmulatedService.Spirit).FailNext(2, 503, body: """{"error":"not enough gpu now, please try again later"}""");
        using var chat = new SpiritHandlerChatClient(harness.PollingClient(), HandlerMappings.Chat()).AsBuilder()
            .UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(1))
            .Build();

        var response = await chat.GetResponseAsync("Hello");

        Assert.Equal("echo: Hello", response.Text);
        Assert.Equal(3, harness.Requests.Count);
    }

    [Fact]
    public async Task The_retry_middleware_does_not_rerun_a_handler_that_failed()
    {
        await using var harness = await SpiritHarness.StartAsync();
        using var chat = new SpiritHandlerChatClient(harness.PollingClient(), new SpiritHandlerChatOptions
        {
            CreateInput = (_, _) => Json.Parse("""{"fail":"prompt too long"}"""),
            ReadResponse = HandlerMappings.Chat().ReadResponse,
        }).AsBuilder().UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(1)).Build();

        var error = await Assert.ThrowsAsync<SpiritException>(() => chat.GetResponseAsync("Hello"));

        Assert.Equal(SpiritErrorKind.HandlerFailed, error.Kind);
        Assert.Single(harness.Requests);
    }

    [Fact]
    public async Task The_retry_middleware_resubmits_a_job_that_outlived_its_ttl()
    {
        int runs = 0;
        await using var harness = await SpiritHarness.StartAsync(o => o.SpiritHandler = async (request, cancellationToken) =>
        {
            if (Interlocked.Increment(ref runs) == 1)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            }

            return request.Input?.DeepClone();
        });
        var jobClient = harness.PollingClient(o => o.DefaultTimeToLive = TimeSpan.FromMilliseconds(300));
        using var chat = new SpiritHandlerChatClient(jobClient, HandlerMappings.Chat(SpiritInvocation.Async)).AsBuilder()
            .UseRetry(o => o.BaseDelay = TimeSpan.FromMilliseconds(1))
            .Build();

        var response = await chat.GetResponseAsync("Hello");

        Assert.Equal("echo: Hello", response.Text);
        Assert.Equal(2, harness.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/async", StringComparison.Ordinal)));
    }
}
