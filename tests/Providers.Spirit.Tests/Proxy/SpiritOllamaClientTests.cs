using System.Net;
using Providers.Core;

namespace Providers.Spirit.Tests.Proxy;

/// <summary>Ollama's <c>/api/tags</c> and <c>/api/generate</c> through Spirit-GPU's proxy mode.</summary>
public sealed class SpiritOllamaClientTests : IClassFixture<ProxyEmulatorFixture>
{
    private const string GenerateRoute = "api/generate";
    private const string Answer = "The sky is blue because of Rayleigh scattering.";
    private readonly ProxyEmulatorFixture _fixture;

    public SpiritOllamaClientTests(ProxyEmulatorFixture fixture)
    {
        _fixture = fixture;
        _fixture.Reset();
    }

    [Fact]
    public async Task Lists_the_models_the_worker_has_pulled()
    {
        using var client = new SpiritOllamaClient(_fixture.Options());

        var models = await client.ListModelsAsync();

        Assert.Equal(["llama3.2:latest", "nomic-embed-text:latest"], models.Select(m => m.Name));
        Assert.Equal(("gguf", "llama", "Q4_K_M"), (models[0].Details?.Format, models[0].Details?.Family, models[0].Details?.QuantizationLevel));
        Assert.True(models[0].Size > 0);
        Assert.Equal(("GET", "/api/tags"), (_fixture.Requests[^1].Method, _fixture.Requests[^1].Path));
    }

    [Fact]
    public async Task Generates_a_whole_answer_with_its_context_usage_and_timings()
    {
        using var client = new SpiritOllamaClient(_fixture.Options());

        var answer = await client.GenerateAsync(new SpiritOllamaGenerateRequest { System = Answer, Prompt = "Why is the sky blue?" });

        Assert.Equal(Answer, answer.Text);
        Assert.True(answer.Done);
        Assert.Equal(("stop", "llama3.2"), (answer.DoneReason, answer.ModelId));
        Assert.NotEmpty(answer.Context!);
        Assert.Equal(answer.Context!.Count, answer.Usage?.OutputTokenCount);
        Assert.True(answer.TotalDuration > TimeSpan.Zero);
        var body = _fixture.LastBody();
        Assert.Equal((false, "Why is the sky blue?", Answer, "llama3.2"), ((bool)body["stream"]!, (string)body["prompt"]!, (string)body["system"]!, (string)body["model"]!));
    }

    [Fact]
    public async Task Streams_the_answer_piece_by_piece_and_ends_with_the_done_piece()
    {
        using var client = new SpiritOllamaClient(_fixture.Options());

        var pieces = await client.GenerateStreamingAsync(new SpiritOllamaGenerateRequest { System = Answer, Prompt = "Why is the sky blue?" }).ToListAsync();

        Assert.True(pieces.Count > 2);
        Assert.Equal(Answer, string.Concat(pieces.Select(p => p.Text)));
        Assert.All(pieces[..^1], p => Assert.False(p.Done));
        Assert.True(pieces[^1].Done);
        Assert.NotNull(pieces[^1].Usage);
        Assert.NotEmpty(pieces[^1].Context!);
        Assert.True((bool)_fixture.LastBody()["stream"]!);
    }

    [Fact]
    public async Task Sends_the_context_raw_mode_options_and_images_where_Ollama_expects_them()
    {
        using var client = new SpiritOllamaClient(_fixture.Options());

        await client.GenerateAsync(new SpiritOllamaGenerateRequest
        {
            Prompt = "continue",
            Context = [1, 2, 3],
            Raw = true,
            KeepAlive = "5m",
            Options = new Dictionary<string, System.Text.Json.JsonElement> { ["temperature"] = System.Text.Json.JsonSerializer.SerializeToElement(0.2) },
            Images = [new byte[] { 1, 2, 3 }],
        });

        var body = _fixture.LastBody();
        Assert.Equal([1L, 2L, 3L], body["context"]!.Select(t => (long)t));
        Assert.Equal((true, "5m", 0.2, "AQID"), ((bool)body["raw"]!, (string)body["keep_alive"]!, (double)body["options"]!["temperature"]!, (string)body["images"]![0]!));
    }

    [Fact]
    public async Task A_model_the_worker_has_not_pulled_raises_ollamas_404()
    {
        using var client = new SpiritOllamaClient(_fixture.Options());

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.GenerateAsync(new SpiritOllamaGenerateRequest { Prompt = "Hi", ModelId = "mistral" }));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("model \"mistral\" not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stream_that_ends_before_its_done_line_raises_truncation()
    {
        _fixture.Faults(GenerateRoute).TruncateStreamAfter(2);
        using var client = new SpiritOllamaClient(_fixture.Options());

        var error = await Assert.ThrowsAsync<StreamTruncatedException>(() =>
            client.GenerateStreamingAsync(new SpiritOllamaGenerateRequest { System = Answer, Prompt = "Why?" }).ToListAsync().AsTask());

        Assert.Contains("after 2 line(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_line_mid_stream_raises_a_provider_error_after_the_pieces_before_it()
    {
        _fixture.Faults(GenerateRoute).ErrorFrameAfter(2);
        using var client = new SpiritOllamaClient(_fixture.Options());
        var received = new List<SpiritOllamaGenerateResponse>();

        var error = await Assert.ThrowsAsync<ProviderException>(async () =>
        {
            await foreach (var piece in client.GenerateStreamingAsync(new SpiritOllamaGenerateRequest { System = Answer, Prompt = "Why?" }))
            {
                received.Add(piece);
            }
        });

        Assert.Equal(2, received.Count);
        Assert.IsNotType<StreamTruncatedException>(error);
    }

    [Fact]
    public async Task A_wrong_key_raises_401_without_the_key()
    {
        using var client = new SpiritOllamaClient(_fixture.Options(apiKey: "wrong-tags-key"));

        var error = await Assert.ThrowsAsync<ProviderException>(() => client.ListModelsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("wrong-tags-key", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proxy_login_page_in_place_of_the_stream_is_an_invalid_response()
    {
        _fixture.Faults(GenerateRoute).HtmlErrorPage(200);
        using var client = new SpiritOllamaClient(_fixture.Options());

        await Assert.ThrowsAsync<InvalidResponseException>(() =>
            client.GenerateStreamingAsync(new SpiritOllamaGenerateRequest { Prompt = "Why?" }).ToListAsync().AsTask());
    }
}
