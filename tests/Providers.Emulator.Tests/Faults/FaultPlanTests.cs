using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Providers.Emulator.Tests.Faults;

public sealed class FaultPlanTests : EmulatorTest
{
    private const string Embed = """{"model":"bge-m3","input":["a","b","c"]}""";
    private const string StreamChat = """{"model":"Qwen2.5-72B-Instruct-AWQ","stream":true,"messages":[{"role":"user","content":"Frogs jump high. Do frogs jump?"}]}""";

    [Fact]
    public async Task Fails_the_next_N_requests_then_recovers()
    {
        Emulator.Faults.For(EmulatedService.SciBox).FailNext(2, 503);
        using var client = Client(EmulatedService.SciBox);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.GetAsync("v1/models")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], statuses);
    }

    [Theory]
    [InlineData("7")]
    [InlineData("37.52")]
    [InlineData("Wed, 21 Oct 2015 07:28:00 GMT")]
    public async Task Sends_Retry_After_exactly_as_given(string retryAfter)
    {
        Emulator.Faults.For(EmulatedService.SciBox).FailNext(1, 429, retryAfter, retryAfterMs: "1500");
        using var client = Client(EmulatedService.SciBox);

        var response = await client.GetAsync("v1/models");

        Assert.Equal(retryAfter, string.Join(",", response.Headers.GetValues("Retry-After")));
        Assert.Equal("1500", response.Headers.GetValues("retry-after-ms").Single());
        Assert.Equal("429", (await ReadJsonAsync(response))["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_failures_in_the_services_own_error_shape()
    {
        Emulator.Faults.For(EmulatedService.ColQwen).FailNext(1, 500);
        using var client = Client(EmulatedService.ColQwen);

        var body = await ReadJsonAsync(await client.GetAsync("health"));

        Assert.NotNull(body["detail"]);
    }

    [Fact]
    public async Task Sends_a_given_body_verbatim()
    {
        Emulator.Faults.For(EmulatedService.Ovms).FailNext(1, 400, body: "plain words");
        using var client = Client(EmulatedService.Ovms);

        var response = await client.GetAsync("v3/models");

        Assert.Equal("plain words", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Applies_a_route_fault_only_to_that_route()
    {
        Emulator.Faults.For(EmulatedService.SciBox, "v1/embeddings").FailNext(1, 500);
        using var client = Client(EmulatedService.SciBox);

        var models = await client.GetAsync("v1/models");
        var embeddings = await client.PostAsync("v1/embeddings", Json(Embed));

        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, embeddings.StatusCode);
    }

    [Fact]
    public async Task Delays_the_answer()
    {
        Emulator.Faults.For(EmulatedService.SvInference).Delay(TimeSpan.FromMilliseconds(400));
        using var client = Client(EmulatedService.SvInference);
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await client.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(350), $"answered after {started.Elapsed}");
    }

    [Fact]
    public async Task Resets_the_connection_mid_body()
    {
        Emulator.Faults.For(EmulatedService.SciBox).ResetConnectionMidBody();
        using var client = Client(EmulatedService.SciBox);

        var failure = await Record.ExceptionAsync(async () =>
        {
            var response = await client.PostAsync("v1/embeddings", Json(Embed));
            await response.Content.ReadAsByteArrayAsync();
        });

        Assert.True(failure is HttpRequestException or IOException, $"got {failure?.GetType().Name ?? "no exception"}");
    }

    // Repeated because the defect was a race: Kestrel's send loop lost to the reset and the client got nothing.
    [Fact]
    public async Task Resets_mid_body_only_after_the_headers_and_half_the_body_reached_the_client()
    {
        using var client = Client(EmulatedService.SciBox);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Emulator.Faults.For(EmulatedService.SciBox).ResetConnectionMidBody();

            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "v1/embeddings") { Content = Json(Embed) }, HttpCompletionOption.ResponseHeadersRead);
            var (received, failure) = await ReadUntilBrokenAsync(response);

            Assert.Equal(response.Content.Headers.ContentLength / 2, received.Length);
            Assert.IsAssignableFrom<IOException>(failure);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    public async Task Resets_a_stream_once_exactly_N_frames_reached_the_client(int frames)
    {
        using var client = Client(EmulatedService.SciBox);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Emulator.Faults.For(EmulatedService.SciBox).ResetStreamAfter(frames);

            using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json(StreamChat) }, HttpCompletionOption.ResponseHeadersRead);
            var (received, failure) = await ReadUntilBrokenAsync(response);

            Assert.Equal(frames, System.Text.Encoding.UTF8.GetString(received).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
            Assert.IsAssignableFrom<IOException>(failure);
        }
    }

    [Fact]
    public async Task Resets_a_stream_after_the_frames_a_header_asks_for()
    {
        using var client = Client(EmulatedService.SciBox);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/chat/completions") { Content = Json(StreamChat), Headers = { { "x-emulator-fault", "reset=2" } } };

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var (received, failure) = await ReadUntilBrokenAsync(response);

        Assert.Equal(2, System.Text.Encoding.UTF8.GetString(received).Split("\n\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.NotNull(failure);
    }

    [Fact]
    public async Task Ends_a_stream_after_K_frames_without_DONE()
    {
        Emulator.Faults.For(EmulatedService.SciBox).TruncateStreamAfter(2);
        using var client = Client(EmulatedService.SciBox);

        var frames = await ReadSseAsync(await client.PostAsync("v1/chat/completions", Json(StreamChat)));

        Assert.Equal(2, frames.Count);
        Assert.All(frames, f => Assert.NotNull(f["choices"]));
    }

    [Fact]
    public async Task Sends_a_mid_stream_error_frame_after_HTTP_200()
    {
        Emulator.Faults.For(EmulatedService.SciBox).ErrorFrameAfter(1);
        using var client = Client(EmulatedService.SciBox);

        var response = await client.PostAsync("v1/chat/completions", Json(StreamChat));
        var frames = await ReadSseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, frames.Count);
        Assert.Equal("500", frames[1]["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Ends_an_NDJSON_stream_without_its_done_line()
    {
        Emulator.Faults.For(EmulatedService.Spirit, "api/chat").TruncateStreamAfter(1);
        using var client = SpiritProxyClient();

        var response = await client.PostAsync("api/chat", Json("""{"model":"llama3.2","messages":[{"role":"user","content":"Frogs jump high. Do frogs jump?"}]}"""));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Single(lines);
        Assert.False(JsonNode.Parse(lines[0])!["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Returns_malformed_JSON_with_status_200()
    {
        Emulator.Faults.For(EmulatedService.Ovms).MalformedJson();
        using var client = Client(EmulatedService.Ovms);

        var response = await client.PostAsync("v3/embeddings", Json("""{"model":"Alibaba-NLP/gte-large-en-v1.5","input":"x"}"""));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(text));
    }

    [Fact]
    public async Task Answers_with_a_proxy_HTML_error_page()
    {
        Emulator.Faults.For(EmulatedService.SvRay).HtmlErrorPage(502);
        using var client = Client(EmulatedService.SvRay);

        var response = await client.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>502 Bad Gateway</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Returns_one_vector_fewer_than_inputs()
    {
        Emulator.Faults.For(EmulatedService.SciBox).WrongVectorCount();
        using var client = Client(EmulatedService.SciBox);

        var (_, body) = await PostAsync(client, "v1/embeddings", Embed);

        Assert.Equal(2, body["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Returns_the_wrong_number_of_ColQwen_embeddings()
    {
        Emulator.Faults.For(EmulatedService.ColQwen).WrongVectorCount();
        using var client = Client(EmulatedService.ColQwen);

        var (_, body) = await PostAsync(client, "embed/queries", """{"queries":["only one"]}""");

        Assert.Equal(2, body["embeddings"]!.AsArray().Count);
    }

    [Fact]
    public async Task Puts_a_bare_NaN_literal_into_a_float_vector()
    {
        Emulator.Faults.For(EmulatedService.SciBox).InjectNaN();
        using var client = Client(EmulatedService.SciBox);

        var text = await (await client.PostAsync("v1/embeddings", Json(Embed))).Content.ReadAsStringAsync();

        Assert.Contains("\"embedding\":[NaN,", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Puts_NaN_bits_into_a_base64_vector()
    {
        Emulator.Faults.For(EmulatedService.SciBox).InjectNaN();
        using var client = Client(EmulatedService.SciBox);

        var (_, body) = await PostAsync(client, "v1/embeddings", """{"model":"bge-m3","input":["a"],"encoding_format":"base64"}""");

        Assert.True(float.IsNaN(Vectors.FromBase64(body["data"]![0]!["embedding"]!.GetValue<string>())[0]));
    }

    [Fact]
    public async Task Pads_an_oversized_body_that_is_still_valid_JSON()
    {
        Emulator.Faults.For(EmulatedService.SciBox).OversizedBody(2 * 1024 * 1024);
        using var client = Client(EmulatedService.SciBox);

        var response = await client.GetAsync("v1/models");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(2 * 1024 * 1024, response.Content.Headers.ContentLength);
        Assert.Equal("list", JsonNode.Parse(text)!["object"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rate_limits_SciBox_with_a_float_retry_after()
    {
        Emulator.Faults.For(EmulatedService.SciBox).RateLimit(capacity: 2, refillPerSecond: 0.5);
        using var client = Client(EmulatedService.SciBox);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            last = await client.GetAsync("v1/models");
            statuses.Add(last.StatusCode);
        }

        var retryAfter = last.Headers.GetValues("Retry-After").Single();
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Matches(@"^\d+\.\d+$", retryAfter);
        Assert.InRange(double.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 0.5, 2.0);
        Assert.StartsWith("litellm.RateLimitError", (await ReadJsonAsync(last))["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rate_limits_other_services_with_whole_seconds()
    {
        Emulator.Faults.For(EmulatedService.Ovms).RateLimit(capacity: 1, refillPerSecond: 0.25);
        using var client = Client(EmulatedService.Ovms);

        await client.GetAsync("v3/models");
        var limited = await client.GetAsync("v3/models");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Matches(@"^\d+$", limited.Headers.GetValues("Retry-After").Single());
    }

    [Fact]
    public async Task Clear_removes_every_fault_and_rate_limit()
    {
        Emulator.Faults.For(EmulatedService.SciBox).FailNext(5, 500).RateLimit(1, 0);
        Emulator.Faults.Clear();
        using var client = Client(EmulatedService.SciBox);

        var first = await client.GetAsync("v1/models");
        var second = await client.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task Schedules_faults_from_the_request_header()
    {
        using var client = Client(EmulatedService.SciBox);
        using var faulty = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        faulty.Headers.Add("x-emulator-fault", "status=503;count=2;retry-after=2");

        var first = await client.SendAsync(faulty);
        var second = await client.GetAsync("v1/models");
        var third = await client.GetAsync("v1/models");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal("2", first.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
    }

    [Fact]
    public async Task Refuses_an_invalid_fault_header_with_a_400_that_says_why()
    {
        using var client = Client(EmulatedService.SciBox);
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/models");
        request.Headers.Add("x-emulator-fault", "explode=now");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Unknown fault 'explode'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Reads a body until the connection breaks; the bytes that arrived and the failure (null: it ended cleanly).</summary>
    private static async Task<(byte[] Received, Exception? Failure)> ReadUntilBrokenAsync(HttpResponseMessage response)
    {
        using var received = new MemoryStream();
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[8192];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                received.Write(buffer, 0, read);
            }

            return (received.ToArray(), null);
        }
        catch (IOException ex)
        {
            return (received.ToArray(), ex);
        }
        catch (HttpRequestException ex)
        {
            return (received.ToArray(), ex.InnerException as IOException ?? (Exception)ex);
        }
    }
}
