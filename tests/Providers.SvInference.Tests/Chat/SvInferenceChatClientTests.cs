using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;
using Providers.Emulator;
using Snapshooter.Xunit;

namespace Providers.SvInference.Tests.Chat;

/// <summary>Qwen2.5-VL on the SV inference server (vLLM): images as data URIs and links, vLLM's limits and errors.</summary>
public sealed class SvInferenceChatClientTests : IClassFixture<EmulatorFixture>
{
    /// <summary>A fixed 1×1 red PNG, so that request snapshots do not depend on an encoder.</summary>
    private const string RedPixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    private readonly EmulatorFixture _fixture;

    public SvInferenceChatClientTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    private static DataContent RedPixel => new(Convert.FromBase64String(RedPixelPng), "image/png");

    [Fact]
    public async Task Sends_two_images_as_a_data_URI_and_a_link_beside_the_text()
    {
        using var client = new SvInferenceChatClient(_fixture.Options);
        var message = new ChatMessage(ChatRole.User,
        [
            new TextContent("Compare these two images."),
            RedPixel,
            new UriContent("http://127.0.0.1:9/photos/cat.jpg", "image/jpeg"),
        ]);

        var response = await client.GetResponseAsync([message], new ChatOptions { MaxOutputTokens = 5000 });

        Snapshot.Match(_fixture.LastBody());
        Assert.StartsWith("I see a 1x1 PNG image, mostly red; an image from 127.0.0.1.", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Streams_a_vision_answer()
    {
        using var client = new SvInferenceChatClient(_fixture.Options);
        var message = new ChatMessage(ChatRole.User, [new TextContent("What is in this image?"), RedPixel]);

        var response = await client.GetStreamingResponseAsync([message]).ToChatResponseAsync();

        Assert.StartsWith("I see a 1x1 PNG image, mostly red.", response.Text, StringComparison.Ordinal);
        Assert.Equal("Qwen/Qwen2.5-VL-72B-Instruct", response.ModelId);
        Assert.NotNull(response.Usage);
    }

    [Fact]
    public async Task Raises_vLLMs_error_when_a_prompt_has_more_images_than_the_server_allows()
    {
        using var client = new SvInferenceChatClient(_fixture.Options);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Describe."), .. Enumerable.Repeat<AIContent>(RedPixel, 5)]);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([message]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("BadRequestError", error.ErrorType);
        Assert.Contains("At most 4 image(s) may be provided in one prompt.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_vLLMs_error_for_bytes_that_are_not_an_image()
    {
        using var client = new SvInferenceChatClient(_fixture.Options);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Describe."), new DataContent("not a png"u8.ToArray(), "image/png")]);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([message]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("Failed to load image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raises_vLLMs_old_error_shape_too()
    {
        await using var emulator = await ProvidersEmulator.StartAsync(new EmulatorOptions { VllmLegacyErrorShape = true, MaxImagesPerPrompt = 1 });
        using var client = new SvInferenceChatClient(new SvInferenceOptions { Endpoint = emulator.SvInferenceBaseUrl });
        var message = new ChatMessage(ChatRole.User, [new TextContent("Describe."), RedPixel, RedPixel]);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync([message]));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("400", error.ErrorCode);
        Assert.Contains("At most 1 image(s)", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("audio/mpeg")]
    [InlineData("image/svg+xml")]
    public async Task Refuses_media_the_model_cannot_read_before_sending(string mediaType)
    {
        using var client = new SvInferenceChatClient(_fixture.Options);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Read this."), new DataContent(new byte[] { 1, 2, 3 }, mediaType)]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([message]));

        Assert.Contains($"message 0 holds content of media type '{mediaType}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Refuses_a_local_file_link_before_sending()
    {
        using var client = new SvInferenceChatClient(_fixture.Options);
        var message = new ChatMessage(ChatRole.User, [new TextContent("Describe."), new UriContent("file:///tmp/cat.png", "image/png")]);

        var error = await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResponseAsync([message]));

        Assert.Contains("'file' URI", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fixture.Requests);
    }

    [Fact]
    public async Task Retries_a_429_through_the_middleware()
    {
        _fixture.Faults("v1/chat/completions").FailNext(1, 429, retryAfter: "1");
        using var client = new SvInferenceChatClient(_fixture.Options).AsBuilder().UseRetry().Build();

        var response = await client.GetResponseAsync("Hello?");

        Assert.NotEmpty(response.Text);
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public void Describes_itself_through_metadata()
    {
        using var client = new SvInferenceChatClient(_fixture.Options);

        var metadata = client.GetService<ChatClientMetadata>();

        Assert.Equal("SvInference", metadata?.ProviderName);
        Assert.Equal(_fixture.Emulator.SvInferenceBaseUrl, metadata?.ProviderUri);
        Assert.Equal("Qwen/Qwen2.5-VL-72B-Instruct", metadata?.DefaultModelId);
    }
}
