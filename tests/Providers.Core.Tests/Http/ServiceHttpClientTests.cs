using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Providers.Core.Tests.Support;

namespace Providers.Core.Tests.Http;

public sealed partial class ServiceHttpClientTests
{
    [Fact]
    public async Task Raises_an_error_status_with_the_services_own_message_code_and_type()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", () => Results.Text(
            """{"error":{"message":"litellm.InternalServerError: backend died","type":"internal_error","param":"None","code":"500"}}""",
            "application/json", statusCode: 500)));
        using var client = server.CreateClient("SciBox");

        var error = await Assert.ThrowsAsync<ProviderException>(() => PostAsync(client));

        Assert.Equal("SciBox answered 500 (Internal Server Error) to POST /v1/echo: litellm.InternalServerError: backend died", error.Message);
        Assert.Equal((HttpStatusCode.InternalServerError, "500", "internal_error", "SciBox"), (error.StatusCode, error.ErrorCode, error.ErrorType, error.ServiceName));
    }

    [Theory]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(422, false)]
    public async Task Marks_an_error_retryable_by_its_status_alone(int status, bool retryable)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", () => Results.Text(
            """{"error":{"message":"whatever","type":"server_error"}}""", "application/json", statusCode: status)));
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<ProviderException>(() => PostAsync(client));

        Assert.Equal((status, retryable), ((int)error.StatusCode!.Value, error.IsRetryable));
    }

    [Theory]
    [InlineData("retry-after", "7", 7_000)]
    [InlineData("retry-after", "37.52", 37_520)]
    [InlineData("retry-after-ms", "1500", 1_500)]
    public async Task Reads_the_delay_the_service_asks_for(string header, string value, int expectedMs)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", (HttpContext context) =>
        {
            context.Response.Headers[header] = value;
            return Results.Text("""{"error":{"message":"slow down"}}""", "application/json", statusCode: 429);
        }));
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<ProviderException>(() => PostAsync(client));

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), error.RetryAfter);
    }

    [Fact]
    public async Task Reads_a_Retry_After_HTTP_date_as_the_time_left_until_it()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = DateTimeOffset.UtcNow.AddSeconds(60).ToString("r", CultureInfo.InvariantCulture);
            return Results.StatusCode(503);
        }));
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<ProviderException>(() => PostAsync(client));

        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));
    }

    [Theory]
    [InlineData("x-request-id")]
    [InlineData("x-litellm-call-id")]
    [InlineData("request-id")]
    [InlineData("x-correlation-id")]
    public async Task Quotes_the_request_id_the_service_assigned(string header)
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", (HttpContext context) =>
        {
            context.Response.Headers[header] = "req-4711";
            return Results.Text("""{"detail":"bad"}""", "application/json", statusCode: 400);
        }));
        using var client = server.CreateClient();

        var error = await Assert.ThrowsAsync<ProviderException>(() => PostAsync(client));

        Assert.Equal("req-4711", error.RequestId);
    }

    [Fact]
    public async Task Refuses_an_HTML_page_served_with_200()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", () => Results.Text(
            "<html><head><title>Sign in - Corporate Proxy</title></head><body>...</body></html>", "text/html")));
        using var client = server.CreateClient("OVMS");

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => PostAsync(client));

        Assert.Equal("OVMS answered POST /v1/echo with an HTML page (Sign in - Corporate Proxy) instead of an API error, not JSON.", error.Message);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task Refuses_malformed_JSON()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", () => Results.Text(
            """{"text":"cut off""", "application/json")));
        using var client = server.CreateClient("OVMS");

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => PostAsync(client));

        Assert.StartsWith("OVMS answered with malformed JSON:", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task Refuses_a_JSON_null()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", () => Results.Text("null", "application/json")));
        using var client = server.CreateClient("OVMS");

        var error = await Assert.ThrowsAsync<InvalidResponseException>(() => PostAsync(client));

        Assert.Equal("OVMS answered with a JSON null.", error.Message);
    }

    [Fact]
    public async Task Times_out_with_a_retryable_error_after_the_configured_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return Results.Ok();
        }));
        using var client = server.CreateClient("ColQwen", timeout: TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => PostAsync(client));

        Assert.Equal("ColQwen did not answer POST /v1/echo within 0.2 s (Timeout).", error.Message);
        Assert.Equal((TimeSpan.FromMilliseconds(200), "POST /v1/echo", true), (error.Waited, error.Route, error.IsRetryable));
    }

    [Fact]
    public async Task Blames_the_HttpClient_timeout_when_the_configured_timeout_is_infinite()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return Results.Ok();
        }));
        using var client = new ServiceHttpClient("ColQwen", new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) }, server.BaseAddress,
            ServiceAuthentication.None, Timeout.InfiniteTimeSpan, disposeHttpClient: true);

        var error = await Assert.ThrowsAsync<ServiceTimeoutException>(() => PostAsync(client));

        Assert.Equal("ColQwen did not answer POST /v1/echo within the HttpClient's timeout.", error.Message);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Lets_the_callers_cancellation_through_as_such()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), context.RequestAborted);
            return Results.Ok();
        }));
        using var client = server.CreateClient();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PostAsync(client, cancellation.Token));
    }

    [Fact]
    public async Task Reports_an_unreachable_service_as_a_retryable_error_naming_it()
    {
        int port = LoopbackServer.FindClosedPort();
        using var client = new ServiceHttpClient("SvRay", new HttpClient(), new Uri($"http://127.0.0.1:{port}/"), ServiceAuthentication.None, TimeSpan.FromSeconds(5), disposeHttpClient: true);

        var error = await Assert.ThrowsAsync<ProviderException>(() => PostAsync(client));

        Assert.StartsWith($"Could not reach SvRay at http://127.0.0.1:{port} for POST /v1/echo:", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsRetryable);
        Assert.Null(error.StatusCode);
    }

    [Fact]
    public async Task Reports_a_connection_broken_mid_answer_as_retryable()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", async (HttpContext context) =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.WriteAsync("""{"text":"half""");
            await context.Response.Body.FlushAsync();
            await Task.Delay(100);
            context.Abort();
        }));
        using var client = server.CreateClient("SvRay");

        var error = await Assert.ThrowsAsync<ProviderException>(() => PostAsync(client));

        Assert.Equal("The connection to SvRay broke while reading its answer to POST /v1/echo.", error.Message);
        Assert.True(error.IsRetryable);
    }

    [Fact]
    public async Task Sends_JSON_with_its_content_type_and_the_bearer_token()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", (HttpContext context) =>
            Results.Text($$"""{"text":"{{context.Request.ContentType}}"}""", "application/json")));
        using var client = server.CreateClient(authentication: ServiceAuthentication.Bearer("sk-test"));

        var answer = await PostAsync(client);

        Assert.Equal("application/json; charset=utf-8", answer.Text);
        Assert.Equal("Bearer sk-test", Assert.Single(server.Requests).Authorization);
        Assert.Equal("""{"text":"ping"}""", server.Requests[0].Body);
    }

    [Fact]
    public async Task Writes_base64_plus_signs_and_non_ascii_text_unescaped()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", () => Results.Text("""{"text":"ok"}""", "application/json")));
        using var client = server.CreateClient();

        await client.PostJsonAsync("v1/echo", new Echo("iVBO+w0K/Gg== <Привет & 'мир'>"), EchoJsonContext.Default.Echo, EchoJsonContext.Default.Echo);

        Assert.Equal("""{"text":"iVBO+w0K/Gg== <Привет & 'мир'>"}""", Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task Writes_a_body_larger_than_its_first_buffer_whole()
    {
        string text = string.Concat(Enumerable.Repeat("abc+/\"é\n", 20_000));
        await using var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/echo", () => Results.Text("""{"text":"ok"}""", "application/json")));
        using var client = server.CreateClient();

        await client.PostJsonAsync("v1/echo", new Echo(text), EchoJsonContext.Default.Echo, EchoJsonContext.Default.Echo);

        Assert.Equal(text, JsonDocument.Parse(Assert.Single(server.Requests).Body).RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Resolves_paths_under_a_base_address_that_has_a_path_of_its_own()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/embed-text/v1/models", () => Results.Text("""{"text":"ok"}""", "application/json")));
        using var client = new ServiceHttpClient("SvRay", new HttpClient(), new Uri(server.BaseAddress, "embed-text/"), ServiceAuthentication.None, TimeSpan.FromSeconds(5), disposeHttpClient: true);

        var answer = await client.GetJsonAsync("v1/models", EchoJsonContext.Default.Echo);

        Assert.Equal("ok", answer.Text);
    }

    private static Task<Echo> PostAsync(ServiceHttpClient client, CancellationToken cancellationToken = default) =>
        client.PostJsonAsync("v1/echo", new Echo("ping"), EchoJsonContext.Default.Echo, EchoJsonContext.Default.Echo, cancellationToken);

    internal sealed record Echo(string? Text);

    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    [JsonSerializable(typeof(Echo))]
    internal sealed partial class EchoJsonContext : JsonSerializerContext;
}
