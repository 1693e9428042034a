using System.Globalization;
using System.Net;
using Microsoft.Extensions.AI;
using Providers.Core;

namespace Providers.SciBox.Tests.Chat;

/// <summary>Every error shape SciBox (LiteLLM) answers with, and retries through the middleware.</summary>
public sealed class SciBoxChatErrorTests : IClassFixture<EmulatorFixture>
{
    private const string Route = "v1/chat/completions";

    private readonly EmulatorFixture _fixture;

    public SciBoxChatErrorTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task A_wrong_token_raises_401_with_LiteLLMs_auth_error_and_no_secret()
    {
        var options = _fixture.Options;
        options.ApiKey = "sk-wrong-token";
        using var client = new SciBoxChatClient(options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?"));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("auth_error", error.ErrorType);
        Assert.Equal("401", error.ErrorCode);
        Assert.False(error.IsRetryable);
        Assert.Contains("Authentication Error", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-wrong-token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_model_raises_400_with_LiteLLMs_message()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?", new ChatOptions { ModelId = "no-such-model" }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("400", error.ErrorCode);
        Assert.Contains("Invalid model name passed in model=no-such-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_the_call_id_LiteLLM_assigns_into_the_error()
    {
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?", new ChatOptions { ModelId = "no-such-model" }));

        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Contains(error.RequestId, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_is_retryable()
    {
        _fixture.Faults(Route).FailNext(1, 500);
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?"));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task An_HTML_error_page_raises_an_error_naming_the_page()
    {
        _fixture.Faults(Route).HtmlErrorPage(502);
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_JSON_raises_an_invalid_response()
    {
        _fixture.Faults(Route).MalformedJson();
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => client.GetResponseAsync("Hello?"));

        Assert.False(error.IsRetryable);
        Assert.Contains("malformed JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_object_answered_with_status_200_is_raised()
    {
        _fixture.Faults(Route).FailNext(1, 200, body: """{"error":{"message":"litellm.InternalServerError: backend gone","type":"internal_error","param":"None","code":"500"}}""");
        using var client = new SciBoxChatClient(_fixture.Options);

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?"));

        Assert.Equal("500", error.ErrorCode);
        Assert.Contains("backend gone", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", 2000)]
    [InlineData("0.85", 850)]
    [InlineData("37.52", 30000)]
    public async Task Retries_429_after_the_delay_the_server_asks_for_in_seconds(string retryAfter, int expectedMs)
    {
        _fixture.Faults(Route).FailNext(1, 429, retryAfter: retryAfter);
        var time = new RecordingTimeProvider();
        using var client = Retrying(time);

        var response = await client.GetResponseAsync("Hello?");

        Assert.NotEmpty(response.Text);
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), Assert.Single(time.Delays));
        Assert.Equal(2, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Retries_429_after_the_milliseconds_of_retry_after_ms()
    {
        _fixture.Faults(Route).FailNext(1, 429, retryAfter: "5", retryAfterMs: "150");
        var time = new RecordingTimeProvider();
        using var client = Retrying(time);

        await client.GetResponseAsync("Hello?");

        Assert.Equal(TimeSpan.FromMilliseconds(150), Assert.Single(time.Delays));
    }

    [Fact]
    public async Task Retries_503_until_the_HTTP_date_the_server_names()
    {
        string date = DateTimeOffset.UtcNow.AddSeconds(20).ToString("r", CultureInfo.InvariantCulture);
        _fixture.Faults(Route).FailNext(1, 503, retryAfter: date);
        var time = new RecordingTimeProvider();
        using var client = Retrying(time);

        await client.GetResponseAsync("Hello?");

        var delay = Assert.Single(time.Delays);
        Assert.InRange(delay, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Retries_a_stream_that_fails_before_its_first_update()
    {
        _fixture.Faults(Route).FailNext(2, 503, retryAfter: "1");
        var time = new RecordingTimeProvider();
        using var client = Retrying(time);

        var response = await client.GetStreamingResponseAsync("Hello?").ToChatResponseAsync();

        Assert.NotEmpty(response.Text);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)], time.Delays);
    }

    [Fact]
    public async Task Gives_up_after_the_last_attempt_with_the_last_error()
    {
        _fixture.Faults(Route).FailNext(5, 429, retryAfter: "0.01");
        using var client = Retrying(new RecordingTimeProvider());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?"));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(3, _fixture.Requests.Count);
    }

    [Fact]
    public async Task Does_not_retry_a_bad_request()
    {
        _fixture.Faults(Route).FailNext(1, 400);
        using var client = Retrying(new RecordingTimeProvider());

        await Assert.ThrowsAsync<ProviderException>(() => client.GetResponseAsync("Hello?"));

        Assert.Single(_fixture.Requests);
    }

    private IChatClient Retrying(TimeProvider time) => new SciBoxChatClient(_fixture.Options)
        .AsBuilder()
        .UseRetry(o =>
        {
            o.MaxAttempts = 3;
            o.TimeProvider = time;
        })
        .Build();
}
